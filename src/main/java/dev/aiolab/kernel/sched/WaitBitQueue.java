package dev.aiolab.kernel.sched;

/**
 * {@code struct wait_bit_queue}: a wait entry with the key it waits for, so that a wake for
 * another (word, bit) on the same hashed bucket can be filtered out.
 */
public final class WaitBitQueue extends WaitQueueEntry {
    public final WaitBitKey bitKey = new WaitBitKey();

    public WaitBitQueue(Task task, WakeFunction func) {
        super(task, null, func);
    }

    public WaitBitQueue(Task task, Object owner, WakeFunction func) {
        super(task, owner, func);
    }

    // models include/linux/wait.h (seed): init_wait_bit_key
    public void initWaitBitKey(FlagsWord word, int bit) {
        bitKey.word = word;
        bitKey.bitNr = bit;
    }

    @Override
    public WaitBitKey key() {
        return bitKey;
    }

    // models include/linux/wait.h (seed): test_wait_bit_key
    /** True when this entry waits for exactly (word, bit) of {@code key} and that bit is now clear. */
    public boolean testWaitBitKey(WaitBitKey key) {
        return bitKey.word == key.word && bitKey.bitNr == key.bitNr && !key.word.testBit(key.bitNr);
    }

    @Override
    public String toString() {
        return super.toString() + " key=" + bitKey;
    }
}
