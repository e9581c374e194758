/**
 * The configuration language, off the data path: it runs once at startup and hands immutable
 * records ({@link dev.shuttle.config.Configuration}, {@code ProxyConfig}, {@code ServerConfig})
 * to everything that follows. It holds the tokenizer, {@code .if} conditions, section readers,
 * keyword parsers (registered in {@link dev.shuttle.config.KeywordRegistry}) and HAProxy-style
 * diagnostics.
 *
 * <p>HAProxy counterpart: cfgparse.c, cfgparse-global.c, cfgparse-listen.c, cfgcond.c, tools.c
 * (time and size parsing). Pure: it reads files and the environment copy it is given, never sockets.
 */
package dev.shuttle.config;
