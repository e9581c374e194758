package dev.shuttle.sample;

/**
 * What fetches and rules read about a proxy: its name and id ({@code fe_name}, {@code be_id}...)
 * and its capture slots ({@code capture request header}, {@code declare capture}). The
 * configuration's proxy records implement it, above this package, so that the expression
 * language does not depend on the configuration.
 */
public interface ProxyView {
    String name();

    /** The numeric id, given with {@code id} or numbered in order. */
    int id();

    /** The slots {@code capture.req.hdr(n)}/{@code capture.res.hdr(n)} read and the capture rules fill. */
    Captures captures();
}
