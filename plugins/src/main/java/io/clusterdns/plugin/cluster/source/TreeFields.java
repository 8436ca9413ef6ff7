package io.clusterdns.plugin.cluster.source;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Typed reads of the fields of a parsed manifest object (a tree of maps, lists and scalars), as
 * Jackson would bind them into the Kubernetes model: a value of the usual type is taken as it is,
 * and any other scalar goes through Jackson's own coercion, so {@code port: "80"} is 80 and {@code
 * name: 7} is "7" here as with Jackson. A value that cannot be bound throws a {@link
 * FieldException} naming the field. An absent field and a null one both read as null.
 */
final class TreeFields {
  /** Coerces the odd scalar exactly as Jackson coerced whole objects into the model before. */
  private static final ObjectMapper COERCION = JsonMapper.builder().build();
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
  private static final String A_MAPPING = "a mapping";

  private TreeFields() {}

  static String string(Map<?, ?> object, String key) {
    Object value = object.get(key);
    return value == null || value instanceof String ? (String) value : coerce(key, value, String.class, "a string");
  }

  static Integer integer(Map<?, ?> object, String key) {
    Object value = object.get(key);
    return value == null || value instanceof Integer ? (Integer) value : coerce(key, value, Integer.class, "an integer");
  }

  static Boolean bool(Map<?, ?> object, String key) {
    Object value = object.get(key);
    return value == null || value instanceof Boolean ? (Boolean) value : coerce(key, value, Boolean.class, "true or false");
  }

  /** A nested object bound by {@code bind}; a problem inside it names the path through {@code key}. */
  static <T> T object(Map<?, ?> object, String key, Function<Map<?, ?>, T> bind) {
    Object value = object.get(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Map<?, ?> fields)) {
      throw FieldException.expected(key, A_MAPPING, value);
    }
    try {
      return bind.apply(fields);
    } catch (FieldException e) {
      throw e.within(key);
    }
  }

  /** A list of objects, each bound by {@code bind}; a null item stays null, as Jackson leaves it. */
  static <T> List<T> objects(Map<?, ?> object, String key, Function<Map<?, ?>, T> bind) {
    List<?> items = list(object, key);
    if (items == null) {
      return null;
    }
    List<T> bound = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Object item = items.get(i);
      if (item == null) {
        bound.add(null);
      } else if (item instanceof Map<?, ?> fields) {
        try {
          bound.add(bind.apply(fields));
        } catch (FieldException e) {
          throw e.within(i).within(key);
        }
      } else {
        throw FieldException.expected(i, A_MAPPING, item).within(key);
      }
    }
    return bound;
  }

  /** A list of strings; other scalars become strings as with Jackson, a null item stays null. */
  static List<String> strings(Map<?, ?> object, String key) {
    List<?> items = list(object, key);
    if (items == null) {
      return null;
    }
    List<String> strings = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Object item = items.get(i);
      if (item == null || item instanceof String) {
        strings.add((String) item);
      } else {
        try {
          strings.add(coerce(i, item, String.class, "a string"));
        } catch (FieldException e) {
          throw e.within(key);
        }
      }
    }
    return strings;
  }

  /** Labels or annotations: string keys and values (other scalars become strings, as with Jackson). */
  static Map<String, String> stringMap(Map<?, ?> object, String key) {
    Object value = object.get(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Map<?, ?> entries)) {
      throw FieldException.expected(key, A_MAPPING, value);
    }
    for (Map.Entry<?, ?> entry : entries.entrySet()) {
      if (!(entry.getKey() instanceof String) || !(entry.getValue() == null || entry.getValue() instanceof String)) {
        return coerceMap(key, entries);
      }
    }
    @SuppressWarnings("unchecked")
    Map<String, String> strings = (Map<String, String>) entries;
    return strings;
  }

  /** A map with a key or value that is not a string, through Jackson; a failure names the entry. */
  private static Map<String, String> coerceMap(String key, Map<?, ?> entries) {
    try {
      return COERCION.convertValue(entries, STRING_MAP);
    } catch (IllegalArgumentException e) {
      for (Map.Entry<?, ?> entry : entries.entrySet()) {
        if (entry.getValue() != null && !(entry.getValue() instanceof String)) {
          try {
            coerce(String.valueOf(entry.getKey()), entry.getValue(), String.class, "a string");
          } catch (FieldException problem) {
            throw problem.within(key);
          }
        }
      }
      throw new FieldException(key, "expected a mapping of strings to strings");
    }
  }

  /** A list, or null; a set ({@code !!set}) counts as a list, as Jackson writes both as arrays. */
  private static List<?> list(Map<?, ?> object, String key) {
    Object value = object.get(key);
    if (value == null || value instanceof List<?>) {
      return (List<?>) value;
    }
    if (value instanceof Collection<?> collection) {
      return new ArrayList<>(collection);
    }
    throw FieldException.expected(key, "a list", value);
  }

  private static <T> T coerce(Object keyOrIndex, Object value, Class<T> type, String expected) {
    try {
      return COERCION.convertValue(value, type);
    } catch (IllegalArgumentException e) {
      throw FieldException.expected(keyOrIndex, expected, value);
    }
  }
}
