/**
 * Socket plumbing shared by the layers that own I/O: addresses of connected sockets whatever
 * their family (HAProxy's sock.c, sock_inet.c, sock_unix.c). Pure helpers; they open nothing.
 */
package dev.shuttle.io;
