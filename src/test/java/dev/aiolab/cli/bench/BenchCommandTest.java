package dev.aiolab.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiolab.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command runs and prints every row. No figure is asserted: performance is never a test. */
class BenchCommandTest {

    private record Run(int exit, String out, String err) {}

    private static Run bench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "bench";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = cl.execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void quickRunPrintsEveryRowWithThePeerBesideTheEngineRows() {
        Run r = bench("--quick");
        assertThat(r.exit()).isZero();
        for (String row : List.of("mm1", "hold-10", "hold-1000", "hold-100000")) {
            assertThat(r.out()).containsPattern("(?m)^" + row + " +events/s +[0-9,]+ +[0-9,]+ +[0-9.]+x  [A-Za-z]+$");
        }
        for (String row : List.of("wake-1", "wake-16", "wake-256")) {
            assertThat(r.out()).containsPattern("(?m)^" + row + " +wake calls/s +[0-9,]+ +-$");
            assertThat(r.out()).containsPattern("(?m)^" + row + "-visited +entries visited/s +[0-9,]+ +-$");
        }
        assertThat(r.out()).contains("event list: fastest");
    }

    @Test
    void rowsSelectsRowsAndCsvWritesThem(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("bench.csv");
        Run r = bench("--quick", "--rows", "hold-10,wake-16", "--csv", csv.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("hold-10").doesNotContain("mm1").doesNotContain("hold-1000");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("benchmark,unit,aiolab,peer,peer_value");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).matches("hold-10,events/s,[0-9]+,ssj-3\\.3\\.2/[A-Za-z]+,[0-9]+");
        assertThat(lines.get(2)).matches("wake-16,wake calls/s,[0-9]+,,");
        assertThat(lines.get(3)).matches("wake-16-visited,entries visited/s,[0-9]+,,");
    }

    @Test
    void anUnknownRowIsAnErrorNamingTheRows() {
        Run r = bench("--quick", "--rows", "nope");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown row nope").contains("hold-1000");
    }

    @Test
    void anyPeerListCanBeChosen() {
        for (String list : SsjPeer.LISTS) {
            Run r = bench("--quick", "--rows", "mm1", "--peer-list", list);
            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains("event list: " + list).containsPattern("(?m)^mm1 .*x  " + list + "$");
        }
    }

    @Test
    void queuesPrintsEveryStructureAtEveryPendingCount() {
        Run r = bench("--quick", "--queues");
        assertThat(r.exit()).isZero();
        for (String s : List.of("4-ary heap, lazy root", "4-ary heap", "binary heap, lazy root", "binary heap",
                "pairing heap")) {
            assertThat(r.out()).containsPattern("(?m)^" + s + " +[0-9,]+ +[0-9,]+ +[0-9,]+$");
        }
        assertThat(r.out()).containsPattern("(?m)^sorted array +[0-9,]+ +[0-9,]+ +-$");
    }
}
