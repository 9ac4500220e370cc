package dev.aiolab.kernel.fs;

import static dev.aiolab.kernel.Errno.EFAULT;
import static dev.aiolab.kernel.Errno.SCHEDULE;

import dev.aiolab.kernel.Errno;
import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.KernelOops;
import dev.aiolab.kernel.mm.Filemap;
import dev.aiolab.kernel.mm.ReadDescriptor;
import dev.aiolab.kernel.mm.WriteDescriptor;
import dev.aiolab.kernel.sched.Sched;
import dev.aiolab.kernel.sched.Task;
import dev.aiolab.kernel.trace.Fault;
import java.util.HashMap;
import java.util.Map;

/**
 * Synchronous file system calls ({@code sys_read}, {@code sys_write}, {@code sys_pread64},
 * {@code sys_pwrite64}, {@code sys_fsync}) on the current task. Each charges {@code SYSCALL_NS} on
 * entry and returns bytes or -errno, or {@link Errno#SCHEDULE} when the task went to sleep inside:
 * the task's body then returns, and when the task runs again it makes the same call, which
 * continues the one in progress (its descriptor is kept per task) until a final result comes back.
 *
 * <p>A {@link KernelOops} inside (the {@code io_wait} NULL dereference) is recorded as a
 * {@link Fault} of kind {@code OOPS} on the probe, the task is ended (an oops kills the task), and
 * the call returns {@code -EFAULT}.
 */
public final class Syscalls {
    private final Sched sched;
    private final Filemap filemap;
    private final DirectIo directIo;
    private final long syscallNs;
    private final Map<Task, Object> inProgress = new HashMap<>();
    /** Page lookups of the last buffered read that completed: found up to date, and not. */
    private long lastPagesHit;
    private long lastPagesMissed;

    public Syscalls(Sched sched, Filemap filemap, DirectIo directIo, KernelConfig config) {
        this.sched = sched;
        this.filemap = filemap;
        this.directIo = directIo;
        this.syscallNs = config.getLong(KernelConfig.SYSCALL_NS);
    }

    private Task current() {
        Task t = sched.current();
        if (t == null) {
            throw new IllegalStateException("a system call runs on a task");
        }
        return t;
    }

    /** Page lookups of the last completed buffered read that found the page up to date. */
    public long lastPagesHit() {
        return lastPagesHit;
    }

    /** Page lookups of the last completed buffered read that did not. */
    public long lastPagesMissed() {
        return lastPagesMissed;
    }

    /** Whether {@code t} is asleep inside a system call that it must call again. */
    public boolean inProgress(Task t) {
        return inProgress.containsKey(t);
    }

    // models fs/read_write.c: sys_read
    public long read(File f, long count) {
        long r = pread0(f, count, f.pos, true);
        return r;
    }

    // models fs/read_write.c: sys_pread64
    public long pread(File f, long count, long pos) {
        return pread0(f, count, pos, false);
    }

    private long pread0(File f, long count, long pos, boolean updatePos) {
        Task cur = current();
        Object st = inProgress.get(cur);
        try {
            long r;
            if (f.isDirect()) {
                r = direct(cur, st, f, false, pos, count);
                if (r == SCHEDULE) {
                    return SCHEDULE;
                }
                if (updatePos && r > 0) {
                    f.pos = pos + r;
                }
            } else {
                ReadDescriptor desc = st instanceof ReadDescriptor d ? d : null;
                if (desc == null) {
                    enter(st);
                    desc = new ReadDescriptor(pos, count);
                }
                // models mm/filemap.c: generic_file_read -> __generic_file_aio_read
                r = filemap.genericFileRead(f.inode().mapping(), f.ra, desc);
                if (r == SCHEDULE) {
                    inProgress.put(cur, desc);
                    return SCHEDULE;
                }
                if (updatePos) {
                    f.pos = desc.pos;
                }
                lastPagesHit = desc.pagesHit;
                lastPagesMissed = desc.pagesMissed;
            }
            inProgress.remove(cur);
            return r;
        } catch (KernelOops oops) {
            return oops(cur, oops);
        }
    }

    /** A synchronous O_DIRECT transfer, started on the first call and continued on the next ones. */
    private long direct(Task cur, Object st, File f, boolean write, long pos, long count) {
        DirectIo.Dio dio = st instanceof DirectIo.Dio d ? d : null;
        if (dio == null) {
            enter(st);
            dio = new DirectIo.Dio(f.inode(), write, pos, count, null);
        }
        long r = directIo.blockdevDirectIO(dio);
        if (r == SCHEDULE) {
            inProgress.put(cur, dio);
        }
        return r;
    }

    // models fs/read_write.c: sys_write
    public long write(File f, long count) {
        return pwrite0(f, count, f.pos, true);
    }

    // models fs/read_write.c: sys_pwrite64
    public long pwrite(File f, long count, long pos) {
        return pwrite0(f, count, pos, false);
    }

    private long pwrite0(File f, long count, long pos, boolean updatePos) {
        Task cur = current();
        Object st = inProgress.get(cur);
        try {
            long r;
            if (f.isDirect()) {
                r = direct(cur, st, f, true, pos, count);
                if (r == SCHEDULE) {
                    return SCHEDULE;
                }
            } else {
                WriteDescriptor d = st instanceof WriteDescriptor w ? w : null;
                if (d == null) {
                    enter(st);
                    d = new WriteDescriptor(pos, count, f.isSync());
                }
                r = filemap.genericFileBufferedWrite(f.inode().mapping(), d);
                if (r == SCHEDULE) {
                    inProgress.put(cur, d);
                    return SCHEDULE;
                }
            }
            if (updatePos && r > 0) {
                f.pos = pos + r;
            }
            inProgress.remove(cur);
            return r;
        } catch (KernelOops oops) {
            return oops(cur, oops);
        }
    }

    // models fs/buffer.c: sys_fsync (data: filemap_fdatawrite + filemap_fdatawait)
    public long fsync(File f) {
        Task cur = current();
        Object st = inProgress.get(cur);
        FsyncState s = st instanceof FsyncState x ? x : null;
        if (s == null) {
            enter(st);
            s = new FsyncState();
        }
        try {
            int r = filemap.fsync(f.inode().mapping(), s.desc);
            if (r == SCHEDULE) {
                inProgress.put(cur, s);
                return SCHEDULE;
            }
            inProgress.remove(cur);
            return r;
        } catch (KernelOops oops) {
            return oops(cur, oops);
        }
    }

    private static final class FsyncState {
        final WriteDescriptor desc = new WriteDescriptor(0, 0, false);
    }

    private void enter(Object st) {
        if (st != null) {
            throw new IllegalStateException("a different system call is still in progress on this task: " + st);
        }
        sched.chargeCurrent(syscallNs);
    }

    private long oops(Task cur, KernelOops oops) {
        inProgress.remove(cur);
        sched.probe().fault(new Fault(sched.now(), "OOPS", cur.toString(), "", oops.function(),
                oops.explanation(), ""));
        cur.exit();
        return -EFAULT;
    }
}
