package io.streamplatform.common;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * A strict parser of one flat JSON object per record with a fixed set of required fields (others ignored): the size
 * limit, the object's shape, missing fields and trailing content are checked here, each field's value by the format
 * ({@link #read}). A record that is not one comes back as null, with {@link #error()} saying why in a reason starting
 * with a stable category ({@code too-large}, {@code not-json}, {@code missing-field}, or the format's own). Not
 * thread-safe (one per parsing thread).
 *
 * @param <T> the parsed record
 */
public abstract class StrictJsonObject<T> {
    private final JsonFactory json;
    private final String[] fields;
    private final int maxBytes;
    private String error;

    /**
     * @param fields the required fields, by the index {@link #read} is given
     * @param maxBytes larger records are rejected ({@code too-large})
     */
    protected StrictJsonObject(JsonFactory json, String[] fields, int maxBytes) {
        this.json = json;
        this.fields = fields;
        this.maxBytes = maxBytes;
    }

    /** A record to read the fields into. */
    protected abstract T create();

    /** Reads the value {@code v} of field {@code field} ({@code name}) into {@code record}; returns the problem, or null. */
    protected abstract String read(int field, String name, JsonParser p, JsonToken v, T record) throws IOException;

    /** Why the last {@link #parse} returned null; null after a success. */
    public final String error() {
        return error;
    }

    /** The record in {@code value}, or null (see {@link #error()}). */
    public final T parse(byte[] value) {
        error = null;
        if (value == null || value.length == 0) return fail("not-json: empty record");
        if (value.length > maxBytes) return fail("too-large: " + value.length + " bytes > " + maxBytes);
        try (JsonParser p = json.createParser(value)) {
            return read(p);
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            int nl = m.indexOf('\n');
            return fail("not-json: " + (nl < 0 ? m : m.substring(0, nl)));
        }
    }

    private T read(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) return fail("not-json: not a JSON object");
        T record = create();
        boolean[] seen = new boolean[fields.length];
        String problem = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            int field = indexOf(name);
            if (field >= 0) {
                seen[field] = true;
                String why = read(field, name, p, v, record);
                if (why != null && problem == null) problem = why;
            }
            if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) p.skipChildren();
        }
        if (t != JsonToken.END_OBJECT) return fail("not-json: unexpected " + t);
        if (p.nextToken() != null) return fail("not-json: trailing content after the object");
        for (int i = 0; i < fields.length; i++) if (!seen[i]) return fail("missing-field: " + fields[i]);
        return problem == null ? record : fail(problem);
    }

    private int indexOf(String name) {
        for (int i = 0; i < fields.length; i++) if (fields[i].equals(name)) return i;
        return -1;
    }

    private T fail(String why) {
        error = why;
        return null;
    }
}
