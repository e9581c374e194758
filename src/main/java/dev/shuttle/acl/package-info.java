/**
 * ACLs (configuration.txt §7.1, §7.2, §7.4): the {@code acl} lines of a proxy, the predefined
 * ACLs, and the {@code if}/{@code unless} conditions of its rules, each term a sample expression
 * matched against a pattern set.
 *
 * <p>In the expression language, above {@code pattern} (the pattern sets and files its terms
 * match against) and {@code sample} (the expressions they evaluate); it may import only those two
 * and {@code lang}, and {@code rules} builds on it. Built once while the configuration loads and
 * immutable afterwards; evaluation only reads. HAProxy counterpart: acl.c.
 */
package dev.shuttle.acl;
