package io.docmap.mapper.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

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

    @Test
    void matchesTakenAsThePassGoesAreThoseOfSortingEveryCandidate() {
        Random random = new Random(42);
        String alphabet = "甲乙丙丁";
        for (int round = 0; round < 200; round++) {
            List<String> patterns = new ArrayList<>();
            for (int p = 0; p < 6; p++) {
                patterns.add(randomText(random, alphabet, 1 + random.nextInt(5)));
            }
            patterns = patterns.stream().distinct().toList();
            String text = randomText(random, alphabet, 300);
            assertThat(new AhoCorasick(patterns).find(text))
                    .as("patterns %s in %s", patterns, text)
                    .isEqualTo(everyCandidateSorted(patterns, text));
        }
    }

    /** The longest pattern ending at each position, all of them sorted, then taken leftmost-longest. */
    private static List<AhoCorasick.Match> everyCandidateSorted(List<String> patterns, String text) {
        List<AhoCorasick.Match> candidates = new ArrayList<>();
        for (int end = 1; end <= text.length(); end++) {
            AhoCorasick.Match longest = null;
            for (int p = 0; p < patterns.size(); p++) {
                int start = end - patterns.get(p).length();
                if (start >= 0
                        && text.startsWith(patterns.get(p), start)
                        && (longest == null || start < longest.start())) {
                    longest = new AhoCorasick.Match(start, end, p);
                }
            }
            if (longest != null) {
                candidates.add(longest);
            }
        }
        candidates.sort(Comparator.comparingInt(AhoCorasick.Match::start)
                .thenComparing(Comparator.comparingInt(AhoCorasick.Match::end).reversed()));
        List<AhoCorasick.Match> chosen = new ArrayList<>();
        int covered = 0;
        for (AhoCorasick.Match m : candidates) {
            if (m.start() >= covered) {
                chosen.add(m);
                covered = m.end();
            }
        }
        return chosen;
    }

    private static String randomText(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
