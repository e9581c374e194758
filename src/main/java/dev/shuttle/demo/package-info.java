/**
 * Demo helpers that are not part of the proxy: a tiny HTTP origin to put
 * behind Shuttle when trying it out ({@code scripts/run}).
 *
 * <p>Nothing on the proxy's data path depends on this package, and it depends
 * on nothing in Shuttle: it uses only the JDK's {@code jdk.httpserver}.
 */
package dev.shuttle.demo;
