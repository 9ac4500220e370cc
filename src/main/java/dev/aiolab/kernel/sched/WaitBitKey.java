package dev.aiolab.kernel.sched;

/** {@code struct wait_bit_key}: the (word, bit) a bit waiter waits on and a bit wake is for. */
public final class WaitBitKey {
    public FlagsWord word;
    public int bitNr = -1;

    public WaitBitKey() {}

    public WaitBitKey(FlagsWord word, int bitNr) {
        this.word = word;
        this.bitNr = bitNr;
    }

    WaitBitKey set(FlagsWord w, int bit) {
        this.word = w;
        this.bitNr = bit;
        return this;
    }

    @Override
    public String toString() {
        return word == null ? "-" : String.format("%#x:%d", word.address(), bitNr);
    }
}
