package ai.sutazai.verticles.cache;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One text per JSON value: object keys sorted, no whitespace, numbers in their shortest exact form
 * ({@code 0}, {@code 0.0} and {@code 0E1} are the same number). Its SHA-256 names cached answers.
 */
final class CanonicalJson {

  private CanonicalJson() {
  }

  static String sha256Hex(Object value) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(of(value).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  static String of(Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value);
    return out.toString();
  }

  private static void append(StringBuilder out, Object value) {
    if (value instanceof JsonObject object) {
      appendObject(out, object.getMap());
    } else if (value instanceof Map<?, ?> map) {
      appendObject(out, map);
    } else if (value instanceof JsonArray array) {
      appendArray(out, array.getList());
    } else if (value instanceof List<?> list) {
      appendArray(out, list);
    } else if (value instanceof Number number) {
      out.append(number(number));
    } else {
      out.append(Json.encode(value));
    }
  }

  private static void appendObject(StringBuilder out, Map<?, ?> map) {
    TreeMap<String, Object> sorted = new TreeMap<>();
    map.forEach((key, value) -> sorted.put(String.valueOf(key), value));
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, Object> entry : sorted.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      out.append(Json.encode(entry.getKey())).append(':');
      append(out, entry.getValue());
    }
    out.append('}');
  }

  private static void appendArray(StringBuilder out, List<?> list) {
    out.append('[');
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      append(out, list.get(i));
    }
    out.append(']');
  }

  private static String number(Number number) {
    BigDecimal exact;
    if (number instanceof BigDecimal decimal) {
      exact = decimal;
    } else if (number instanceof BigInteger integer) {
      exact = new BigDecimal(integer);
    } else if (number instanceof Double || number instanceof Float) {
      double d = number.doubleValue();
      if (!Double.isFinite(d)) {
        return Json.encode(Double.toString(d));
      }
      exact = new BigDecimal(Double.toString(d));
    } else {
      return Long.toString(number.longValue());
    }
    if (exact.signum() == 0) {
      return "0";
    }
    return exact.stripTrailingZeros().toString();
  }
}
