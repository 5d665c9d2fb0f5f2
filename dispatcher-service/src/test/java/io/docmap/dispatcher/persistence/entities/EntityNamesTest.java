package io.docmap.dispatcher.persistence.entities;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EntityNamesTest {

    @Test
    void aJsonListNamesEachNameOnce() {
        assertThat(EntityNames.of("[\"Beijing\",\"Foo, Inc.\",\"Beijing\"]")).containsExactly("Beijing", "Foo, Inc.");
    }

    @Test
    void theOldCommaFormatIsSplitOnCommas() {
        assertThat(EntityNames.of("北京,上海")).containsExactly("北京", "上海");
    }

    @Test
    void aListThatNamesNoneCountsAsNone() {
        assertThat(EntityNames.of("[]")).containsExactly(EntityNames.NONE);
        assertThat(EntityNames.of("")).containsExactly(EntityNames.NONE);
        assertThat(EntityNames.of(null)).containsExactly(EntityNames.NONE);
    }

    @Test
    void aListCutShortKeepsTheNamesBeforeTheCut() {
        assertThat(EntityNames.of("[\"Beijing\",\"Sha\\\"nghai\",\"Tian")).containsExactly("Beijing", "Sha\"nghai");
    }

    @Test
    void aNameLongerThanTheColumnIsCountedByItsStart() {
        assertThat(EntityNames.of("[\"" + "x".repeat(300) + "\"]")).containsExactly("x".repeat(EntityNames.LONGEST));
    }
}
