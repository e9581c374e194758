package dev.shuttle.sample;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The fetches and converters of configuration.txt §7.3.1 to §7.3.6 that Shuttle knows by name but
 * cannot evaluate, with the reason: a configuration using one is refused with that reason rather
 * than with "unknown fetch method", so that its author learns what is missing (stick tables, TLS
 * details JSSE does not expose, HTTP/2, the kernel's TCP_INFO...). docs/configuration.md lists
 * them. A name registered in the {@link SampleRegistry} is never looked up here.
 */
public final class RefusedSamples {
    private RefusedSamples() {}

    static final String STICK_TABLES = "stick tables";
    static final String TLS = "TLS details that JSSE does not expose";
    static final String TCP_INFO = "the kernel's TCP_INFO, which the JDK cannot read (jdk.net.ExtendedSocketOptions "
            + "has no TCP_INFO)";
    static final String SAVED_SYN = "the client's saved SYN packet (TCP_SAVE_SYN), which the JDK cannot read";
    static final String CPU_ACCOUNTING = "per-stream CPU and latency accounting";
    static final String CACHE = "the HTTP cache";
    static final String COMPRESSION = "HTTP compression";
    static final String DEVICE_DETECTION = "DeviceAtlas device detection";
    static final String EVENT_RINGS = "event rings ('show events')";
    static final String USERLISTS = "userlist sections";
    static final String RATES = "per-second rate counters on proxies and servers";
    static final String SERVER_QUEUES = "the srv_queue converter (the srv_queue fetch is there)";

    /**
     * Fetches and converters Shuttle could have but does not yet: refused with "is not
     * implemented in Shuttle yet" and what it would take.
     */
    private static final Map<String, String> NOT_YET = new LinkedHashMap<>();

    private static final Map<String, String> FETCHES = new LinkedHashMap<>();
    private static final Map<String, String> CONVERTERS = new LinkedHashMap<>();

    /** {@code sc_*}, {@code sc0_*}..{@code sc2_*}, {@code src_*} counters and {@code table_*} (configuration.txt §7.3.3). */
    private static final Pattern STICK_TABLE_FETCH = Pattern.compile(
            "(sc[0-9]*_.*|src_(bytes|clr|conn|get|glitch|gpc|http|inc|kbytes|sess|updt).*|table_.*)");
    private static final Pattern TLS_FETCH = Pattern.compile("(ssl_.*|req[._]ssl_.*|res\\.ssl_.*|rep_ssl_.*)");
    /** The converters that take the saved SYN apart ({@code ip.src}, {@code tcp.flags}...). */
    private static final Pattern SAVED_SYN_CONVERTER = Pattern.compile("(eth|ip|tcp)\\..*");

    static {
        for (String name : new String[] {"fc_rtt", "fc_rttvar", "fc_unacked", "fc_sacked", "fc_retrans", "fc_fackets",
                "fc_lost", "fc_reordering", "bc_rtt", "bc_rttvar"}) {
            FETCHES.put(name, TCP_INFO);
        }
        FETCHES.put("fc_saved_syn", SAVED_SYN);
        for (String name : new String[] {"fs.debug_str", "bs.debug_str"}) {
            FETCHES.put(name, "HAProxy's internal states of its layers (the flags and pointers of its muxes, "
                    + "transports and connections), which Shuttle's layers do not have");
        }
        for (String name : new String[] {"cpu_calls", "cpu_ns_avg", "cpu_ns_tot", "lat_ns_avg", "lat_ns_tot",
                "cpu_usage_grp", "cpu_usage_proc", "cpu_usage_thr"}) {
            FETCHES.put(name, CPU_ACCOUNTING);
        }
        FETCHES.put("res.cache_hit", CACHE);
        FETCHES.put("res.cache_name", CACHE);
        FETCHES.put("res.comp", COMPRESSION);
        FETCHES.put("res.comp_algo", COMPRESSION);

        FETCHES.put("http_auth", USERLISTS);
        FETCHES.put("http_auth_group", USERLISTS);
        for (String name : new String[] {"fe_sess_rate", "fe_req_rate"}) {
            FETCHES.put(name, RATES);
        }
        CONVERTERS.put("srv_queue", SERVER_QUEUES);
        CONVERTERS.put("debug", EVENT_RINGS);
        for (String name : new String[] {"mqtt_field_value", "mqtt_is_valid"}) {
            NOT_YET.put(name, "an MQTT CONNECT/CONNACK parser");
        }
        for (String name : new String[] {"jwt_decrypt_jwk", "jwt_decrypt_secret"}) {
            NOT_YET.put(name, "JWE decryption (RFC 7516)");
        }

        CONVERTERS.put("in_table", STICK_TABLES);
        CONVERTERS.put("da-csv-conv", DEVICE_DETECTION);
        CONVERTERS.put("x509_v_err_str", "OpenSSL's table of X509_V_ERR names");
        CONVERTERS.put("jwt_verify_cert", TLS);
        CONVERTERS.put("jwt_decrypt_cert", TLS);
    }

    /** Why the fetch {@code name} is refused, or empty when it is not a known refused fetch. */
    public static Optional<String> fetch(String name) {
        if (NOT_YET.containsKey(name)) {
            return Optional.of(notYet(name));
        }
        String reason = FETCHES.get(name);
        if (reason == null && STICK_TABLE_FETCH.matcher(name).matches()) {
            reason = STICK_TABLES;
        } else if (reason == null && TLS_FETCH.matcher(name).matches()) {
            reason = TLS;
        }
        return Optional.ofNullable(reason).map(why -> message(name, why));
    }

    /** Why the converter {@code name} is refused, or empty when it is not a known refused converter. */
    public static Optional<String> converter(String name) {
        if (NOT_YET.containsKey(name)) {
            return Optional.of(notYet(name));
        }
        String reason = CONVERTERS.get(name);
        if (reason == null && name.startsWith("table_")) {
            reason = STICK_TABLES;
        } else if (reason == null && SAVED_SYN_CONVERTER.matcher(name).matches()) {
            reason = SAVED_SYN;
        }
        return Optional.ofNullable(reason).map(why -> message(name, why));
    }

    private static String notYet(String name) {
        return "'" + name + "' is not implemented in Shuttle yet (it needs " + NOT_YET.get(name) + ")";
    }

    private static String message(String name, String reason) {
        return "'" + name + "' needs " + reason + ", which Shuttle does not have yet";
    }
}
