package ai.sutazai.launcher.e2e;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Turns a good JSON body into one that is certainly broken, drawn from a seeded {@link Random}: a
 * required field removed, a field of the wrong type or an impossible value, an unknown field,
 * another JSON value than an object, nesting 10,000 deep, a cut-off text, invalid UTF-8, bytes
 * that are no JSON at all, an empty or a huge body.
 *
 * @param good     a body the route accepts
 * @param required fields without which it is refused
 * @param types    each field the route knows and the JSON types it may take
 * @param badValues values some fields can never take, whatever their type
 */
record MalformedBodies(JsonObject good, List<String> required, Map<String, Set<String>> types,
    Map<String, List<Object>> badValues) {

  static final int DEEP = 10_000;
  private static final List<Object> ANY_VALUES = List.of(12345, -1, 3.5, true, false, "text", "",
      new JsonArray(), new JsonObject(), new JsonArray().add(1).add("a"), new JsonObject().put("x", 1),
      -9_223_372_036_854_775_808L);

  /** A broken body and how it was broken, for the report of a failure. */
  record Broken(String how, Buffer bytes) {
  }

  /** A broken body; {@code hugeBytes} is the body limit, which a few bodies exceed. */
  Broken next(Random random, int hugeBytes) {
    return next(random, hugeBytes, true);
  }

  /**
   * A broken body that stays broken when sent as text (a WebSocket text message): no invalid UTF-8,
   * which a client turns into valid replacement characters.
   */
  Broken nextText(Random random, int hugeBytes) {
    return next(random, hugeBytes, false);
  }

  private Broken next(Random random, int hugeBytes, boolean bytes) {
    switch (random.nextInt(13)) {
      case 0:
        if (!required.isEmpty()) {
          String field = pick(random, required);
          JsonObject body = good.copy();
          body.remove(field);
          return json("without required " + field, body);
        }
        return unknownField(random);
      case 1:
      case 2:
        return wrongType(random);
      case 3:
      case 4:
        return badValue(random);
      case 5:
        return unknownField(random);
      case 6:
        List<String> others = List.of("[]", "[1,2,3]", "42", "\"text\"", "null", "true", "-0.0e-0",
            "[" + good.encode() + "]");
        return text("another JSON value than an object", pick(random, others));
      case 7:
        return text("nested " + DEEP + " deep", deep(random));
      case 8:
        String encoded = good.encode();
        return text("cut off", encoded.substring(0, 1 + random.nextInt(encoded.length() - 1)));
      case 9:
        return bytes ? invalidUtf8(random) : unknownField(random);
      case 10:
        byte[] noise = new byte[1 + random.nextInt(200)];
        random.nextBytes(noise);
        noise[0] = (byte) 0xFE;
        return new Broken("random bytes", Buffer.buffer(noise));
      case 11:
        return text("empty", random.nextBoolean() ? "" : "   \r\n");
      default:
        if (random.nextInt(20) == 0) {
          return text("larger than the body limit", "{\"pad\":\"" + "x".repeat(hugeBytes) + "\"}");
        }
        return badValue(random);
    }
  }

  private Broken wrongType(Random random) {
    String field = pick(random, new ArrayList<>(types.keySet()));
    Set<String> allowed = types.get(field);
    List<Object> wrong = ANY_VALUES.stream().filter(v -> !allowed.contains(typeOf(v))
        && !(typeOf(v).equals("integer") && allowed.contains("number"))).toList();
    Object value = pick(random, wrong);
    return json(field + " as " + typeOf(value) + " " + value, good.copy().put(field, value));
  }

  private Broken badValue(Random random) {
    if (badValues.isEmpty()) {
      return wrongType(random);
    }
    String field = pick(random, new ArrayList<>(badValues.keySet()));
    Object value = pick(random, badValues.get(field));
    return json(field + " = " + value, good.copy().put(field, value));
  }

  private Broken unknownField(Random random) {
    String field = "x_" + Integer.toString(random.nextInt(Integer.MAX_VALUE), 36);
    return json("unknown field " + field, good.copy().put(field, pick(random, ANY_VALUES)));
  }

  private Broken invalidUtf8(Random random) {
    byte[] body = good.encode().getBytes(StandardCharsets.UTF_8);
    byte[][] invalid = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}};
    byte[] bad = invalid[random.nextInt(invalid.length)];
    int at = 1 + random.nextInt(body.length - 1);
    Buffer bytes = Buffer.buffer().appendBytes(body, 0, at).appendBytes(bad).appendBytes(body, at, body.length - at);
    return new Broken("invalid UTF-8 at byte " + at, bytes);
  }

  private String deep(Random random) {
    String open = random.nextBoolean() ? "[" : "{\"a\":";
    String close = open.equals("[") ? "]" : "}";
    String field = pick(random, new ArrayList<>(types.keySet()));
    return good.encode().replaceFirst("^\\{", "{\"" + field + "\":" + open.repeat(DEEP) + "1" + close.repeat(DEEP) + ",");
  }

  private static Broken json(String how, JsonObject body) {
    return new Broken(how, body.toBuffer());
  }

  private static Broken text(String how, String body) {
    return new Broken(how, Buffer.buffer(body));
  }

  static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static String typeOf(Object value) {
    if (value instanceof Integer || value instanceof Long) {
      return "integer";
    }
    if (value instanceof Number) {
      return "number";
    }
    if (value instanceof Boolean) {
      return "boolean";
    }
    if (value instanceof String) {
      return "string";
    }
    return value instanceof JsonArray ? "array" : "object";
  }
}
