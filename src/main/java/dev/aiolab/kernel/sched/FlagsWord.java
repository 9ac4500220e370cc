package dev.aiolab.kernel.sched;

/**
 * A word of flag bits that tasks can wait on ({@code page->flags} and the like), with its simulated
 * kernel address, which the hashed wait tables hash. Bit operations are atomic in the model.
 */
public class FlagsWord {
    protected long flags;
    private final long address;

    public FlagsWord(long address) {
        this.address = address;
    }

    /** The simulated kernel virtual address of the object holding the word. */
    public final long address() {
        return address;
    }

    public final long flags() {
        return flags;
    }

    public final boolean testBit(int bit) {
        return (flags & (1L << bit)) != 0;
    }

    public final void setBit(int bit) {
        flags |= 1L << bit;
    }

    public final void clearBit(int bit) {
        flags &= ~(1L << bit);
    }

    /** {@code test_and_set_bit}: sets the bit and returns whether it was already set. */
    public final boolean testAndSetBit(int bit) {
        boolean old = testBit(bit);
        flags |= 1L << bit;
        return old;
    }

    /** {@code test_and_clear_bit}: clears the bit and returns whether it was set. */
    public final boolean testAndClearBit(int bit) {
        boolean old = testBit(bit);
        flags &= ~(1L << bit);
        return old;
    }
}
