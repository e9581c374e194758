package dev.shuttle.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.parse.ConfigLoader;
import dev.shuttle.config.parse.Diagnostics;
import dev.shuttle.config.parse.KeywordRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code acl} keyword in configuration files; expected messages as haproxy 2.6 printed them. */
class AclKeywordTest {
    @TempDir
    Path directory;

    private List<Diagnostics.Message> load(String text) throws IOException {
        Path file = directory.resolve("test.cfg");
        Files.writeString(file, text);
        Diagnostics diagnostics = Diagnostics.collecting();
        new ConfigLoader(KeywordRegistry.standard()).load(List.of(file), dev.shuttle.config.parse.Variables.of(Map.of()), diagnostics);
        return diagnostics.messages();
    }

    private List<String> texts(List<Diagnostics.Message> messages, Diagnostics.Level level) {
        return messages.stream().filter(m -> m.level() == level).map(Diagnostics.Message::text).toList();
    }

    private String at(int line) {
        return "config : parsing [" + directory.resolve("test.cfg") + ":" + line + "] : ";
    }

    @Test
    void errorsNameTheLineAndTheAcl() throws IOException {
        List<Diagnostics.Message> messages = load("""
                defaults
                    timeout client 1s
                    timeout server 1s
                    timeout connect 1s
                frontend fe
                    acl ok dst_port 80
                    acl b nosuch /x
                    acl e dst_port foo
                    acl k/ src 1.2.3.4
                """);
        assertEquals(List.of(
                at(7) + "error detected while parsing ACL 'b' : unknown fetch method 'nosuch' in ACL expression 'nosuch'.",
                at(8) + "error detected while parsing ACL 'e' : 'foo' is not a number.",
                at(9) + "character '/' is not permitted in acl name 'k/'."),
                texts(messages, Diagnostics.Level.ALERT).subList(0, 3));
    }

    @Test
    void anonymousDefaultsRefuseAclsNamedOnesTakeThem() throws IOException {
        List<Diagnostics.Message> messages = load("""
                defaults
                    acl dflt src 10.0.0.0/8
                defaults named
                    acl dflt src 10.0.0.0/8
                """);
        assertEquals(List.of(at(2) + "'acl' not allowed in anonymous 'defaults' section."),
                texts(messages, Diagnostics.Level.ALERT).subList(0, 1));
        assertTrue(texts(messages, Diagnostics.Level.ALERT).stream().noneMatch(text -> text.contains(":4]")));
    }

    @Test
    void noPatternWarningHasNoLine() throws IOException {
        List<Diagnostics.Message> messages = load("""
                defaults
                    timeout client 1s
                    timeout server 1s
                    timeout connect 1s
                backend be
                    acl a src
                """);
        assertTrue(texts(messages, Diagnostics.Level.WARNING).contains("config : parsing acl keyword 'src' :\n"
                + "  no pattern to match against were provided, so this ACL will never match.\n"
                + "  If this is what you intended, please add '--' to get rid of this warning.\n"
                + "  If you intended to match only for existence, please use '-m found'.\n"
                + "  If you wanted to force an int to match as a bool, please use '-m bool'."),
                messages.toString());
        assertTrue(texts(messages, Diagnostics.Level.ALERT).isEmpty(), messages.toString());
    }
}
