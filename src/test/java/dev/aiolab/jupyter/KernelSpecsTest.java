package dev.aiolab.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelSpecsTest {

    @Test
    void theWrittenSpecStartsThisJvmsClassesWithMessageInterrupts(@TempDir Path dir) throws Exception {
        KernelSpecs.writeSpec(dir, null);
        JsonObject spec = JsonParser.parseString(Files.readString(dir.resolve("kernel.json"))).getAsJsonObject();
        assertThat(spec.get("display_name").getAsString()).isEqualTo("aiolab (Java)");
        assertThat(spec.get("language").getAsString()).isEqualTo("java");
        assertThat(spec.get("interrupt_mode").getAsString()).isEqualTo("message");
        String argv = spec.get("argv").toString();
        assertThat(argv).contains(KernelSpecs.javaExecutable(), "dev.aiolab.cli.Main", "\"kernel\",\"start\"",
                "{connection_file}");
        assertThat(dir.resolve("logo-32x32.png")).exists();
        assertThat(dir.resolve("logo-64x64.png")).exists();
        assertThat(Files.readString(dir.resolve("startup.jsh")))
                .isEqualTo(Files.readString(Paths.get("kernel-spec/aiolab/startup.jsh")));
    }

    @Test
    void theIJavaVariantPutsAiolabOnTheBaseKernelsClassPath(@TempDir Path dir) throws Exception {
        KernelSpecs.writeBaseKernelVariant(dir, Paths.get("/opt/ijava/ijava.jar"));
        JsonObject spec = JsonParser.parseString(Files.readString(dir.resolve("kernel.json"))).getAsJsonObject();
        assertThat(spec.get("argv").toString()).contains("/opt/ijava/ijava.jar");
        JsonObject env = spec.getAsJsonObject("env");
        assertThat(env.get("IJAVA_CLASSPATH").getAsString()).contains("tablesaw-core");
        assertThat(env.get("JJAVA_CLASSPATH").getAsString()).isEqualTo(env.get("IJAVA_CLASSPATH").getAsString());
        assertThat(env.get("IJAVA_STARTUP_SCRIPT").getAsString()).contains("import tech.tablesaw.api.*;");
    }

    @Test
    void startupImportsOfAbsentPackagesAreLeftOutForTheInteractiveShell() {
        String present = Startup.presentImports();
        assertThat(present).contains("import tech.tablesaw.api.*;", "import org.knowm.xchart.*;");
        boolean labExists = Startup.class.getResource("/dev/aiolab/lab/") != null;
        assertThat(present.contains("import dev.aiolab.lab.*;")).isEqualTo(labExists);
    }
}
