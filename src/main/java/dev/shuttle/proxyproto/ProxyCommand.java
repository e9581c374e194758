package dev.shuttle.proxyproto;

/** The command of a version 2 header (proxy-protocol.txt §2.2, the low nibble of byte 13); version 1 is always PROXY. */
public enum ProxyCommand {
    /** 0x0: the connection was made by the proxy itself (a health check); the socket's addresses stay. */
    LOCAL,
    /** 0x1: the connection was relayed for the client the address block names. */
    PROXY
}
