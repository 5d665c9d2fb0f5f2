package io.docmap.dispatcher.persistence.leader;

/** A dispatch round's write refused: another dispatcher took the lock since this one's epoch began. */
public class LeadershipLostException extends IllegalStateException {

    public LeadershipLostException(long mine, long current) {
        super("another dispatcher leads since this one's epoch " + mine + " (the epoch is " + current
                + " now): this one writes nothing more and stands by");
    }

    public LeadershipLostException(String why) {
        super(why);
    }
}
