package io.streamplatform.common.clickstream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.streamplatform.common.JsonFields;
import io.streamplatform.common.JsonText;
import io.streamplatform.common.StrictJsonObject;
import java.io.IOException;

/**
 * The clickstream job's input format, parsed strictly:
 * <pre>{"user":"u-0042","product":"p-0137","category":"books","action":"cart","price":12.99,"ts":1764550000000}</pre>
 * {@code action} is one of view, click, cart, purchase; {@code category} anything but {@value Funnel#ALL}; {@code price} a non-negative amount with at most two decimals;
 * {@code ts} epoch milliseconds or an ISO-8601 instant; other fields are ignored. A record that is not one comes back
 * as null, with {@link #error()} giving a reason that starts with a stable category: {@code too-large},
 * {@code not-json}, {@code missing-field}, {@code wrong-type}, {@code impossible}, {@code bad-timestamp}. Not
 * thread-safe (one per parsing thread).
 */
public final class ClickCodec extends StrictJsonObject<Click> {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String[] FIELDS = {"user", "product", "category", "action", "price", "ts"};

    public ClickCodec() {
        this(Integer.MAX_VALUE);
    }

    /** @param maxBytes larger records are rejected ({@code too-large}) */
    public ClickCodec(int maxBytes) {
        super(JSON, FIELDS, maxBytes);
    }

    @Override
    protected Click create() {
        return new Click();
    }

    @Override
    protected String read(int field, String name, JsonParser p, JsonToken v, Click c) throws IOException {
        return switch (field) {
            case 0 -> (c.user = JsonFields.text(p, v)) == null ? JsonFields.wrongType(name, v, "a non-empty string") : null;
            case 1 -> (c.product = JsonFields.text(p, v)) == null ? JsonFields.wrongType(name, v, "a non-empty string") : null;
            case 2 -> (c.category = JsonFields.text(p, v)) == null ? JsonFields.wrongType(name, v, "a non-empty string")
                    : c.category.equals(Funnel.ALL) ? "impossible: category '" + Funnel.ALL + "' stands for all categories" : null;
            case 3 -> action(p, v, c);
            case 4 -> price(p, v, c);
            default -> JsonFields.timestamp(p, v, ms -> c.ts = ms);
        };
    }

    private static String action(JsonParser p, JsonToken v, Click c) throws IOException {
        if (v != JsonToken.VALUE_STRING) return JsonFields.wrongType("action", v, "one of view, click, cart, purchase");
        c.action = switch (p.getText()) {
            case "view" -> Click.Action.VIEW;
            case "click" -> Click.Action.CLICK;
            case "cart" -> Click.Action.CART;
            case "purchase" -> Click.Action.PURCHASE;
            default -> null;
        };
        return c.action == null ? "impossible: action '" + JsonFields.abbreviate(p.getText()) + "' is not one of view, click, cart, purchase" : null;
    }

    private static String price(JsonParser p, JsonToken v, Click c) throws IOException {
        if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) return JsonFields.wrongType("price", v, "a number");
        Long cents = Money.cents(p.getDecimalValue());
        if (cents == null) return "impossible: price " + JsonFields.abbreviate(p.getText()) + " is not an amount in cents";
        if (cents < 0) return "impossible: price " + p.getText() + " < 0";
        c.priceCents = cents;
        return null;
    }

    /** The click as JSON, {@code ts} in epoch milliseconds: what the generator sends and the job writes for a late one. */
    public static String encode(Click c) {
        StringBuilder sb = new StringBuilder(128);
        sb.append("{\"user\":");
        JsonText.quote(sb, c.user);
        sb.append(",\"product\":");
        JsonText.quote(sb, c.product);
        sb.append(",\"category\":");
        JsonText.quote(sb, c.category);
        sb.append(",\"action\":\"").append(c.action.text()).append("\",\"price\":").append(Money.format(c.priceCents))
                .append(",\"ts\":").append(c.ts).append('}');
        return sb.toString();
    }
}
