package io.docmap.mapper.matching;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AhoCorasickTest {

    private static List<String> found(AhoCorasick matcher, String text) {
        return matcher.find(text).stream()
                .map(m -> text.substring(m.start(), m.end()))
                .toList();
    }

    @Test
    void longestMatchWinsOverItsPrefixAndSuffix() {
        AhoCorasick matcher = new AhoCorasick(List.of("北京", "北京大学", "大学", "New York", "York"));
        assertThat(found(matcher, "我在北京大学读书，去过北京和New York。")).containsExactly("北京大学", "北京", "New York");
    }

    @Test
    void latinMatchingIgnoresCaseAndRespectsWordBoundaries() {
        AhoCorasick matcher = new AhoCorasick(List.of("US", "Apple"));
        assertThat(found(matcher, "APPLE sells in the us; status unchanged, pineapples too"))
                .containsExactly("APPLE", "us");
    }

    @Test
    void cjkMatchesNeedNoBoundariesAndSurviveEmojiAround() {
        AhoCorasick matcher = new AhoCorasick(List.of("腾讯", "Tesla"));
        assertThat(found(matcher, "😀腾讯😀和Tesla合作")).containsExactly("腾讯", "Tesla");
    }

    @Test
    void overlappingMatchesKeepTheLeftmost() {
        AhoCorasick matcher = new AhoCorasick(List.of("甲乙", "乙丙丁"));
        assertThat(found(matcher, "甲乙丙丁，乙丙丁")).containsExactly("甲乙", "乙丙丁");
    }

    @Test
    void latinPatternsInsideLongerWordsAreNotMatches() {
        AhoCorasick matcher = new AhoCorasick(List.of("ab", "bcd"));
        assertThat(found(matcher, "ab abcd bcd")).containsExactly("ab", "bcd");
    }

    @Test
    void aShorterPatternStillMatchesWhenTheLongerOneFailsItsBoundary() {
        AhoCorasick matcher = new AhoCorasick(List.of("New York", "York"));
        assertThat(found(matcher, "xNew York")).containsExactly("York");
    }

    @Test
    void findsNothingInEmptyText() {
        assertThat(new AhoCorasick(List.of("a")).find("")).isEmpty();
    }
}
