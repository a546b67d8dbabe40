package dev.preflight.settings;

import java.util.Currency;
import java.util.regex.Pattern;

/**
 * The currency prices and costs are in: an ISO 4217 alphabetic code ({@code USD}, {@code EUR},
 * {@code CHF}), checked against the JDK's table of ISO 4217 currencies ({@link
 * java.util.Currency#getInstance(String)}, which the JDK maintains from the ISO 4217 maintenance
 * agency's lists). Reports print the code after every amount; they do not convert.
 */
public final class CurrencyCode {
  /**
   * The currency of the settings' default price ({@code cost.pricePerHour}, an AWS on-demand price
   * in US dollars) and of a cluster that names none.
   */
  public static final String DEFAULT = "USD";

  private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

  private CurrencyCode() {}

  /**
   * {@code code} if it is an ISO 4217 alphabetic code in upper case.
   *
   * @throws IllegalArgumentException naming the code and an example otherwise
   */
  public static String check(String code) {
    if (code == null || !CODE.matcher(code).matches()) {
      throw new IllegalArgumentException(
          "currency must be an ISO 4217 code of three capital letters such as USD or EUR, got '"
              + code
              + "'");
    }
    try {
      Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "currency '" + code + "' is not an ISO 4217 code (examples: USD, EUR, GBP, CHF)");
    }
    return code;
  }
}
