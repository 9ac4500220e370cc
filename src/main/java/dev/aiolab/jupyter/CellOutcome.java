package dev.aiolab.jupyter;

/**
 * What evaluating a cell produced: either a failure, or success with or without a value. The value is the live
 * object of the cell's last expression; {@code hasValue} is false when the cell ended in a statement or declaration.
 */
public record CellOutcome(boolean hasValue, Object value, CellFailure failure) {

    static final CellOutcome NOTHING = new CellOutcome(false, null, null);

    static CellOutcome value(Object v) {
        return new CellOutcome(true, v, null);
    }

    static CellOutcome failed(CellFailure f) {
        return new CellOutcome(false, null, f);
    }

    public boolean failed() {
        return failure != null;
    }
}
