/**
 * The statistics page a proxy serves at its {@code stats uri} (configuration.txt §4.2, "stats
 * enable" and the other {@code stats} keywords): on the data path, the stream layer's request
 * analysis finds that a request is for the page and hands it to {@link
 * dev.shuttle.statspage.StatsPageService} (the stream's {@code ProxyApplets}), which answers on the
 * request's own virtual thread with the HTML page, CSV ({@code ;csv}, management.txt §9.1) or JSON
 * ({@code ;json}), after Basic authentication ({@code stats auth}). The rows come from {@code
 * stats.proxy}; this package only lays them out. Floor 9, beside the runtime API.
 */
package dev.shuttle.statspage;
