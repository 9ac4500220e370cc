package dev.aiolab.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.tools.StandardJavaFileManager;
import org.junit.jupiter.api.Test;

class ReplFileManagerTest {

    /** The options the JDK's manager receives, as "name=value". */
    private final List<String> received = new ArrayList<>();

    private final StandardJavaFileManager jdk = (StandardJavaFileManager) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {StandardJavaFileManager.class}, (proxy, m, args) -> {
                if (m.getName().equals("handleOption")) {
                    @SuppressWarnings("unchecked")
                    Iterator<String> rest = (Iterator<String>) args[1];
                    received.add(args[0] + "=" + (rest.hasNext() ? rest.next() : ""));
                    return true;
                }
                throw new UnsupportedOperationException(m.getName());
            });

    @Test
    void aRepeatedMultiReleaseValueDoesNotReachTheJdkManagerSoItsClassPathIndexSurvives() {
        ReplFileManager fm = new ReplFileManager(jdk);
        for (int task = 0; task < 3; task++) {
            Iterator<String> args = List.of("17", "-next").iterator();
            assertThat(fm.handleOption("--multi-release", args)).isTrue();
            assertThat(args.next()).as("the value is consumed either way").isEqualTo("-next");
        }
        assertThat(received).containsExactly("--multi-release=17");
    }

    @Test
    void aNewMultiReleaseValueAndEveryOtherOptionStillReachIt() {
        ReplFileManager fm = new ReplFileManager(jdk);
        fm.handleOption("--multi-release", List.of("17").iterator());
        fm.handleOption("--multi-release", List.of("11").iterator());
        fm.handleOption("-classpath", List.of("a.jar").iterator());
        fm.handleOption("-classpath", List.of("a.jar").iterator());
        assertThat(received).containsExactly("--multi-release=17", "--multi-release=11", "-classpath=a.jar",
                "-classpath=a.jar");
    }
}
