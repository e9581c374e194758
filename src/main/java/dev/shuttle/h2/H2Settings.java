package dev.shuttle.h2;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One side's settings (RFC 9113 §6.5): what it announced, or what its peer announced. Immutable:
 * applying a SETTINGS frame makes a new value, so a connection can keep "announced" and
 * "acknowledged" apart (§6.5.3: our limits bind the peer only once it acknowledged them).
 */
public final class H2Settings {
    /** The initial values every connection starts from (§6.5.2). */
    public static final H2Settings DEFAULTS = new H2Settings(new EnumMap<>(Setting.class));

    /** Only the values that differ from the initial ones. */
    private final EnumMap<Setting, Long> values;

    private H2Settings(EnumMap<Setting, Long> values) {
        this.values = values;
    }

    public long get(Setting setting) {
        return values.getOrDefault(setting, setting.initialValue());
    }

    public int headerTableSize() {
        return (int) Math.min(Integer.MAX_VALUE, get(Setting.HEADER_TABLE_SIZE));
    }

    public long maxConcurrentStreams() {
        return get(Setting.MAX_CONCURRENT_STREAMS);
    }

    public int initialWindowSize() {
        return (int) get(Setting.INITIAL_WINDOW_SIZE);
    }

    public int maxFrameSize() {
        return (int) get(Setting.MAX_FRAME_SIZE);
    }

    public long maxHeaderListSize() {
        return get(Setting.MAX_HEADER_LIST_SIZE);
    }

    public boolean pushEnabled() {
        return get(Setting.ENABLE_PUSH) == 1;
    }

    public boolean connectProtocolEnabled() {
        return get(Setting.ENABLE_CONNECT_PROTOCOL) == 1;
    }

    /** These settings with one value changed (checked as if received). */
    public H2Settings with(Setting setting, long value) throws H2Exception {
        setting.validate(value);
        EnumMap<Setting, Long> changed = new EnumMap<>(Setting.class);
        changed.putAll(values);
        if (value == setting.initialValue()) {
            changed.remove(setting);
        } else {
            changed.put(setting, value);
        }
        return new H2Settings(changed);
    }

    /**
     * These settings after a received SETTINGS frame: its values applied in order (§6.5.3), each
     * checked, unknown identifiers ignored.
     */
    public H2Settings apply(Frame.Settings frame) throws H2Exception {
        H2Settings result = this;
        for (Frame.SettingValue value : frame.values()) {
            Setting setting = Setting.of(value.id());
            if (setting != null) {
                result = result.with(setting, value.value());
            }
        }
        return result;
    }

    /** The parameters to announce for these settings: those that differ from the initial values. */
    public List<Frame.SettingValue> announced() {
        List<Frame.SettingValue> list = new ArrayList<>();
        for (Map.Entry<Setting, Long> entry : values.entrySet()) {
            list.add(new Frame.SettingValue(entry.getKey().id(), entry.getValue()));
        }
        return list;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof H2Settings settings && settings.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "H2Settings" + values;
    }
}
