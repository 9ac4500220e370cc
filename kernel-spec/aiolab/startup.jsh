// aiolab startup imports: evaluated one by one when a kernel, `aiolab shell`, `run` or `execute` starts.
// An import of an aiolab package this build does not have yet is skipped silently.
import dev.aiolab.lab.*;
import dev.aiolab.chart.*;
import dev.aiolab.kernel.KernelConfig;
import tech.tablesaw.api.*;
import org.knowm.xchart.*;
