/**
 * Typed, validated settings bound from the one documented defaults file ({@code defaults.json} in
 * this package's resources), so that every constant of the cost, risk and impact models is visible
 * in one place and can be overridden by users ({@code --settings FILE}) and tests.
 */
package dev.preflight.settings;
