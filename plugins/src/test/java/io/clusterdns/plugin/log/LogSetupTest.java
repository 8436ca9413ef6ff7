package io.clusterdns.plugin.log;

import static io.clusterdns.plugin.testkit.CorefileSnippets.assertRejected;
import static io.clusterdns.plugin.testkit.CorefileSnippets.directive;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterdns.config.CorefileException;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class LogSetupTest {
  @org.junit.jupiter.api.Test
  void isRegisteredUnderItsDirectiveName() {
    assertEquals(
        LogSetup.class,
        io.clusterdns.plugin.PluginRegistry.load().find("log").map(Object::getClass).orElse(null));
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of("log", List.of("."), LogFormat.COMMON, EnumSet.of(ResponseClass.ALL)),
        Arguments.of("log example.org", List.of("example.org."), LogFormat.COMMON, EnumSet.of(ResponseClass.ALL)),
        Arguments.of(
            "log example.org example.net. {combined}",
            List.of("example.org.", "example.net."),
            "{combined}",
            EnumSet.of(ResponseClass.ALL)),
        Arguments.of(
            "log . \"{proto} Request: {name} {type} {>id}\"",
            List.of("."),
            "{proto} Request: {name} {type} {>id}",
            EnumSet.of(ResponseClass.ALL)),
        Arguments.of("log {common}", List.of("."), "{common}", EnumSet.of(ResponseClass.ALL)),
        Arguments.of(
            "log example.org {\n class denial error\n}",
            List.of("example.org."),
            LogFormat.COMMON,
            EnumSet.of(ResponseClass.DENIAL, ResponseClass.ERROR)),
        Arguments.of(
            "log . {\n class denial\n class success\n}",
            List.of("."),
            LogFormat.COMMON,
            EnumSet.of(ResponseClass.DENIAL, ResponseClass.SUCCESS)));
  }

  @ParameterizedTest
  @MethodSource("accepted")
  void parsesNamesFormatAndClasses(String snippet, List<String> names, String format, EnumSet<ResponseClass> classes)
      throws CorefileException {
    LogOptions options = LogSetup.parse(directive(snippet));

    assertEquals(names, options.names().stream().map(Object::toString).toList());
    assertEquals(format, options.format().toString());
    assertEquals(classes, options.classes());
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = " => ",
      value = {
        "log {\\n clas denial\\n} => Corefile:2:2: log: unknown property 'clas'; did you mean 'class'?",
        "log {\\n class\\n} => Corefile:2:2: class: missing argument, expected class success|denial|error|all...",
        "log {\\n class denial failure\\n} => Corefile:2:15: log: unknown class 'failure', expected success, denial, error or all",
        "log bad..name => Corefile:1:5: log: invalid name 'bad..name': invalid empty label",
      })
  void rejectsBadDirectivesNamingTheToken(String snippet, String message) {
    assertRejected(snippet, message, LogSetup::parse);
  }
}
