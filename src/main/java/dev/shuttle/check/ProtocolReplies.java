package dev.shuttle.check;

import dev.shuttle.config.TcpCheckRule;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Judges the replies the protocol checks cannot match with a pattern, as HAProxy 3.5's "custom"
 * expect rules do (src/tcpcheck.c facts; configuration.txt §4, "option mysql-check",
 * "option ldap-check", "option spop-check"): a MySQL handshake and the packet after it, an LDAPv3
 * bindResponse (RFC 4511 §4.1.9, §4.2.2), an SPOP AGENT-HELLO frame (doc/SPOE.txt §3.2.4). Pure
 * functions of the bytes received.
 */
final class ProtocolReplies {
    private ProtocolReplies() {}

    /** What a reply makes of the check. */
    sealed interface Judgement {
        /** More bytes are needed. */
        record Wait() implements Judgement {}

        /**
         * The reply is good; {@code info} is what 3.5 notes of it ("Success", the MySQL version),
         * which the end of the check replaces with the rule's on-success (none), as 3.5 does.
         */
        record Pass(String info) implements Judgement {}

        /** The reply is bad. */
        record Fail(CheckStatus status, int code, String info) implements Judgement {}
    }

    private static final Judgement WAIT = new Judgement.Wait();

    private static final String LDAP_NOT_V3 = "Not LDAPv3 protocol";
    /** SPOP error codes (doc/SPOE.txt §3.2.8) and HAProxy's words for them. */
    private static final int SPOP_INVALID = 4;
    private static final int SPOP_NO_VERSION = 5;
    private static final int SPOP_NO_FRAME_SIZE = 6;
    private static final int SPOP_NO_CAPABILITIES = 7;
    private static final int SPOP_BAD_VERSION = 8;
    private static final int SPOP_BAD_FRAME_SIZE = 9;
    private static final String[] SPOP_REASONS = {"normal", "I/O error", "a timeout occurred", "frame is too big",
            "invalid frame received", "version value not found", "max-frame-size value not found",
            "capabilities value not found", "unsupported version", "max-frame-size too big or too small"};
    /** The smallest and largest frames HAProxy accepts: 256 and its buffer size less 4. */
    private static final long SPOP_MIN_FRAME = 256;
    private static final long SPOP_MAX_FRAME = HttpProbe.MAX_RESPONSE - 4;

    /**
     * @param data     the bytes received (never empty: an empty reply is judged by the caller)
     * @param lastRead no more bytes will come (the server closed, or the buffer is full)
     */
    static Judgement judge(TcpCheckRule.ExpectReply.Reply reply, byte[] data, boolean lastRead) {
        return switch (reply) {
            case MYSQL_HANDSHAKE -> mysqlPacket(data, 0, lastRead);
            case MYSQL_OK -> mysqlPacket(data, 4 + uint24(data, 0), lastRead);
            case LDAP_BIND_RESPONSE -> ldapBindResponse(data, lastRead);
            case SPOP_AGENT_HELLO -> spopAgentHello(data, lastRead);
        };
    }

    /**
     * One MySQL packet at {@code offset}: 3 bytes of length (little-endian), a sequence id, the
     * payload. An error packet (0xff) fails with its error number and message; a good one reports
     * the server version of the handshake (its NUL-terminated string at byte 5).
     */
    private static Judgement mysqlPacket(byte[] data, int offset, boolean lastRead) {
        if (data.length < offset + 4 || data.length < offset + 4 + uint24(data, offset)) {
            return lastRead ? new Judgement.Fail(CheckStatus.L7RSP, 0, "") : WAIT;
        }
        if ((data[offset + 4] & 0xff) == 0xff) {
            int error = (data.length > offset + 6) ? (data[offset + 5] & 0xff) | (data[offset + 6] & 0xff) << 8 : 0;
            return new Judgement.Fail(CheckStatus.L7STS, error, cString(data, offset + 7));
        }
        return new Judgement.Pass(cString(data, 5));
    }

    /** RFC 4511 §4.2.2: LDAPMessage { messageID 1, bindResponse { resultCode ... } }; 0 is success. */
    private static Judgement ldapBindResponse(byte[] data, boolean lastRead) {
        int at = 1;
        int lengthBytes = 0;
        long messageLength;
        if ((data[at] & 0x80) != 0) {
            lengthBytes = data[at] & 0x7f;
            if (data.length - at < 1 + lengthBytes) {
                return tooShort(lastRead);
            }
            messageLength = switch (lengthBytes) {
                case 4 -> ((long) (data[at + 1] & 0xff) << 24) | (data[at + 2] & 0xff) << 16
                        | (data[at + 3] & 0xff) << 8 | (data[at + 4] & 0xff);
                case 2 -> (data[at + 1] & 0xff) << 8 | (data[at + 2] & 0xff);
                default -> -1;
            };
            if (messageLength < 0) {
                return new Judgement.Fail(CheckStatus.L7RSP, 0, LDAP_NOT_V3);
            }
        } else {
            messageLength = data[at] & 0xff;
        }
        at += 1 + lengthBytes;
        if (data.length - at < messageLength) {
            return tooShort(lastRead);
        }
        if (!startsAt(data, at, 0x02, 0x01, 0x01, 0x61)) {
            return new Judgement.Fail(CheckStatus.L7RSP, 0, LDAP_NOT_V3);
        }
        at += 4;
        int responseLengthBytes = at < data.length && (data[at] & 0x80) != 0 ? data[at] & 0x7f : 0;
        if (data.length - at < 1 + responseLengthBytes + 2 + 1) {
            return tooShort(lastRead);
        }
        at += 1 + responseLengthBytes;
        if (!startsAt(data, at, 0x0a, 0x01)) {
            return new Judgement.Fail(CheckStatus.L7RSP, 0, LDAP_NOT_V3);
        }
        int resultCode = data[at + 2] & 0xff;
        if (resultCode != 0) {
            return new Judgement.Fail(CheckStatus.L7STS, resultCode,
                    "See RFC: http://tools.ietf.org/html/rfc4511#section-4.1.9");
        }
        return new Judgement.Pass("Success");
    }

    /**
     * An SPOP frame: length (4 bytes), type (101 AGENT-HELLO), flags (FIN only), stream and frame
     * ids 0, then key/value items; the HELLO must carry a supported {@code version} (2.0), a
     * {@code max-frame-size} from 256 to the buffer size less 4, and {@code capabilities}.
     */
    private static Judgement spopAgentHello(byte[] data, boolean lastRead) {
        if (data.length < 11) {
            return lastRead ? spopError(SPOP_INVALID) : WAIT;
        }
        long frameLength = uint32(data, 0);
        int type = data[4] & 0xff;
        if ((type != 101 && type != 102) || uint32(data, 5) != 1 || data[9] != 0 || data[10] != 0) {
            return spopError(SPOP_INVALID);
        }
        if (data.length < 4 + frameLength) {
            return lastRead ? spopError(SPOP_INVALID) : WAIT;
        }
        Cursor cursor = new Cursor(data, 11);
        if (cursor.at < data.length && (data[cursor.at] & 0xff) == 102) {
            // HAProxy 3.5 reads an AGENT-DISCONNECT's items only when the payload's first byte is 102.
            return spopDisconnect(cursor);
        }
        int version = 0;
        long maxFrameSize = 0;
        boolean capabilities = false;
        while (cursor.at < data.length) {
            String key = cursor.string();
            if (key == null || key.isEmpty() || cursor.at >= data.length) {
                return spopError(SPOP_INVALID);
            }
            int valueType = data[cursor.at] & 0x0f;
            switch (key) {
                case "version" -> {
                    cursor.at++;
                    String text = valueType == 8 ? cursor.string() : null;
                    if (text == null) {
                        return spopError(SPOP_INVALID);
                    }
                    version = spopVersion(text);
                    if (version < 0) {
                        return spopError(SPOP_INVALID);
                    }
                    if (version != 2000) {
                        return spopError(SPOP_BAD_VERSION);
                    }
                }
                case "max-frame-size" -> {
                    cursor.at++;
                    long size = valueType >= 2 && valueType <= 5 ? cursor.varint() : -1;
                    if (size < 0) {
                        return spopError(SPOP_INVALID);
                    }
                    if (size < SPOP_MIN_FRAME || size > SPOP_MAX_FRAME) {
                        return spopError(SPOP_BAD_FRAME_SIZE);
                    }
                    maxFrameSize = size;
                }
                case "capabilities" -> {
                    cursor.at++;
                    if (valueType != 8 || cursor.string() == null) {
                        return spopError(SPOP_INVALID);
                    }
                    capabilities = true;
                }
                default -> {
                    if (!cursor.skipValue()) {
                        return spopError(SPOP_INVALID);
                    }
                }
            }
        }
        if (version == 0) {
            return spopError(SPOP_NO_VERSION);
        }
        if (maxFrameSize == 0) {
            return spopError(SPOP_NO_FRAME_SIZE);
        }
        if (!capabilities) {
            return spopError(SPOP_NO_CAPABILITIES);
        }
        return new Judgement.Pass("SPOA server is ok");
    }

    /** An AGENT-DISCONNECT: always a failure, with its {@code status-code} and {@code message}. */
    private static Judgement spopDisconnect(Cursor cursor) {
        int code = 0;
        String message = null;
        while (cursor.at < cursor.data.length) {
            String key = cursor.string();
            if (key == null || key.isEmpty() || cursor.at >= cursor.data.length) {
                return spopError(SPOP_INVALID);
            }
            int valueType = cursor.data[cursor.at] & 0x0f;
            if (key.equals("status-code")) {
                cursor.at++;
                long value = valueType >= 2 && valueType <= 5 ? cursor.varint() : -1;
                if (value < 0) {
                    return spopError(SPOP_INVALID);
                }
                code = value >= 0x64 ? 0x63 : (int) value;
            } else if (key.equals("message")) {
                cursor.at++;
                message = valueType == 8 ? cursor.string() : null;
                if (message == null || message.length() > 255) {
                    return spopError(SPOP_INVALID);
                }
            } else if (!cursor.skipValue()) {
                return spopError(SPOP_INVALID);
            }
        }
        return new Judgement.Fail(CheckStatus.L7RSP, code, message != null ? message : spopReason(code));
    }

    private static Judgement spopError(int code) {
        return new Judgement.Fail(CheckStatus.L7RSP, code, spopReason(code));
    }

    private static String spopReason(int code) {
        return code < SPOP_REASONS.length ? SPOP_REASONS[code] : "an unknown error occurred";
    }

    private static final Pattern VERSION = Pattern.compile("\\s*([0-9]+)\\.([0-9]+)\\s*");

    /** "2.0" as 2000 (major times 1000 plus minor), -1 when it is not a version. */
    static int spopVersion(String text) {
        Matcher m = VERSION.matcher(text);
        if (!m.matches() || m.group(1).length() > 6 || m.group(2).length() > 6) {
            return -1;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major == 0 || minor > 999 ? -1 : major * 1000 + minor;
    }

    private static Judgement tooShort(boolean lastRead) {
        return lastRead ? new Judgement.Fail(CheckStatus.L7RSP, 0, "") : WAIT;
    }

    private static boolean startsAt(byte[] data, int at, int... expected) {
        if (at + expected.length > data.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((data[at + i] & 0xff) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static int uint24(byte[] data, int at) {
        return (data[at] & 0xff) | (data[at + 1] & 0xff) << 8 | (data[at + 2] & 0xff) << 16;
    }

    private static long uint32(byte[] data, int at) {
        return ((long) (data[at] & 0xff) << 24) | (data[at + 1] & 0xff) << 16 | (data[at + 2] & 0xff) << 8
                | (data[at + 3] & 0xff);
    }

    /** The text from {@code at} to the first NUL or the end. */
    private static String cString(byte[] data, int at) {
        int end = at;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        return at >= data.length ? "" : new String(data, at, end - at, StandardCharsets.ISO_8859_1);
    }

    /** Reads SPOP's encodings (doc/SPOE.txt §3.1): varints, length-prefixed strings, typed values. */
    private static final class Cursor {
        final byte[] data;
        int at;

        Cursor(byte[] data, int at) {
            this.data = data;
            this.at = at;
        }

        /** A varint, -1 when the bytes end first. */
        long varint() {
            if (at >= data.length) {
                return -1;
            }
            long value = data[at++] & 0xff;
            if (value < 240) {
                return value;
            }
            int shift = 4;
            int b;
            do {
                if (at >= data.length) {
                    return -1;
                }
                b = data[at++] & 0xff;
                value += (long) b << shift;
                shift += 7;
            } while (b >= 128);
            return value;
        }

        /** A varint length and that many bytes, as text; null when they do not fit. */
        String string() {
            long length = varint();
            if (length < 0 || length > data.length - at) {
                return null;
            }
            String text = new String(data, at, (int) length, StandardCharsets.ISO_8859_1);
            at += (int) length;
            return text;
        }

        /** Passes over one typed value; false when it does not fit. */
        boolean skipValue() {
            if (at >= data.length) {
                return false;
            }
            int type = data[at++] & 0x0f;
            return switch (type) {
                case 2, 3, 4, 5 -> varint() >= 0;
                case 6 -> (at += 4) <= data.length;
                case 7 -> (at += 16) <= data.length;
                case 8, 9 -> string() != null;
                default -> true;
            };
        }
    }
}
