package dev.aiolab.kernel.fs;

import dev.aiolab.kernel.mm.FileRaState;

/** {@code struct file}: an open file with its flags, {@code f_pos} and {@code f_ra}. */
public final class File {
    /** include/asm-generic/fcntl.h (x86) flag values. */
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 01;
    public static final int O_RDWR = 02;
    public static final int O_SYNC = 010000;
    public static final int O_DIRECT = 040000;

    private final Inode inode;
    private final int flags;
    /** {@code f_pos}. */
    public long pos;
    /** {@code f_ra}. */
    public final FileRaState ra;

    File(Inode inode, int flags, FileRaState ra) {
        this.inode = inode;
        this.flags = flags;
        this.ra = ra;
    }

    public Inode inode() {
        return inode;
    }

    public int flags() {
        return flags;
    }

    public boolean isDirect() {
        return (flags & O_DIRECT) != 0;
    }

    public boolean isSync() {
        return (flags & O_SYNC) != 0;
    }

    @Override
    public String toString() {
        return inode.name() + (isDirect() ? " O_DIRECT" : "") + (isSync() ? " O_SYNC" : "") + " pos=" + pos;
    }
}
