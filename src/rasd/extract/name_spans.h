// Repairs of the tagger's name spans where Arabic grammar settles the question, applied to
// each sentence after tagging by `rasd extract` (article_extractor.cc) and `rasd tag --conll`
// (conll_tagging.cc), and measured by bench/extract/ner_eval.cc on ANERcorp test.
//
//   SplitRunOnNames: a person's name does not run on into a word that carries the
//     preposition ل (after an optional و/ف). The tagger sometimes does (وقال أبو غليون
//     لرويترز; ترودو للصحافيين), because foreign names often start with that letter (لافروف،
//     لوكاكو، لودريان). The name ends before such a word when
//       - it is ل + the article, written لل (always so): a definite noun is never inside a
//         person's name;
//       - or the clitic split (clitics.h) took ل from a listed name or name word (gazetteer.h;
//         لرويترز -> ل + رويترز, لترامب) and the whole word is not itself a listed person
//         word: the rest starts a new name of its type (person, organisation or place), which
//         the linker strips of the proclitic (the addressee: قال X لرويترز).
//     What follows a definite noun is in no name unless it is a listed first name or person
//     word, which starts a new one. ب and ك are left alone: Maghrebi and foreign names start
//     with them too often (بالطيب، بالقاسم، بينس is not ب + ينس, كامل not ك + امل), and corpus
//     counts do not tell those apart (measured on 2015 articles; see docs/QUALITY.md).
//   CompleteLoneTriggers: a trigger word (منظمة، حزب، جامعة، نادي، جبل، وادي، ميليشيا …;
//     gazetteer.h kFlagOrgTrigger / kFlagLocTrigger) without the article is in the construct
//     state: it names nothing until its genitive follows (حزب الله, جامعة الأنبار). When the
//     tagger tagged it alone,
//       - and a place or person follows at once after an organisation's trigger, they are
//         one organisation (جامعة الأنبار، نادي روما); an organisation after it is the name
//         (نادي مانشستر يونايتد -> مانشستر يونايتد), and a place's trigger is a descriptor
//         (مدينة حائل -> حائل), as ANERcorp mostly tags them;
//       - and a quoted name of at most six words follows (منظمة "أنقذوا الأطفال"), the
//         quoted words are the name;
//       - and a definite word follows an organisation's trigger (نادي النصر، حزب الشعب), that
//         word is its genitive and completes the name (one word: what follows may be an
//         adjective of the name or of the organisation, ميليشيا الحوثي الانقلابية);
//       - else (أي جامعة أخرى، ميليشيا محلية، شبه ثورة، غرب البلاد) it is no name.
//     A definite trigger alone (المنظمة، الاتحاد، الجزيرة) is left as tagged: it is either a
//     name in its own right or a reference back, which the quote rules resolve.
//   DropLoneNonNames: two kinds of word tagged as a name by themselves are none.
//     - The tagger reads folded words (name_forms.h Fold: ى -> ي), in which the preposition
//       على and the name علي are one word; the spelling tells them apart. A word written
//       with final ى (U+0649) whose folded form is a stopword (على، إلى، لدى، حتى) is that
//       function word. In a longer name it stays: Egyptian spelling writes a final ي as ى
//       (على عبد الله صالح، محمد على).
//     - An ordinal (OrdinalWord: الثاني، الأولى) ends regnal names (عبدالله الثاني), so the
//       tagger learns it as a name word; alone it is an adjective (تشرين الثاني).
//   RetypeCountedNouns: a noun counted by a number or a number word (487 مليار ريال، 5 نيسان)
//     is a unit or a date, not an organisation (the tagger reads ريال as Real Madrid, نيسان
//     as Nissan). Tagged alone as one, it becomes MISC, as ANERcorp tags currencies (دولار،
//     يورو), or no name when it is a month (gazetteer.h kFlagMonth). Persons stay: a minute
//     or shirt number precedes a player in sports reports (في الدقيقة 76 ماركوس).
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>
#include <vector>

#include "rasd/extract/features.h"
#include "rasd/extract/ner_tags.h"

namespace rasd::extract {

// `infos` and `tags` cover one sentence, aligned (infos from the tagger's feature
// extraction: folded form, clitic split, gazetteer flags).
void SplitRunOnNames(const std::vector<TokenInfo>& infos, std::vector<Tag>* tags);
void CompleteLoneTriggers(const std::vector<TokenInfo>& infos, std::vector<Tag>* tags);

// True for an ordinal adjective الأول … العاشر (and الحادي), masculine or feminine, folded
// (name_forms.h Fold), with the article.
bool OrdinalWord(std::string_view folded);

// `raw` are the sentence's tokens as written, aligned with `infos`.
void DropLoneNonNames(const std::vector<std::string_view>& raw,
                             const std::vector<TokenInfo>& infos, std::vector<Tag>* tags);

void RetypeCountedNouns(const std::vector<std::string_view>& raw,
                        const std::vector<TokenInfo>& infos, std::vector<Tag>* tags);

// A month name (gazetteer.h kFlagMonth) tagged alone as a name (نيسان read as Nissan) next
// to a day or year number, another month name across a slash or parenthesis (أبريل/نيسان) or
// a time word before it (في، منذ، مطلع …) is a date, which ANERcorp does not tag: no name.
void DropMonthDates(const std::vector<std::string_view>& raw,
                    const std::vector<TokenInfo>& infos, std::vector<Tag>* tags);

// A person's name that runs on into two title words in a row (محمد بن نايف بن عبد العزيز ولي
// العهد, ... الأمين العام) ends before them: a title phrase follows the name it describes.
// Words that are also listed name words or first names do not count as titles, and one
// title word alone is left (السيد ends many Egyptian names: أحمد لطفي السيد). On the six
// ANERcorp dev blocks no tag changed; over 2,000 SaudiNewsNet articles 5 names were cut
// (docs/QUALITY.md, thirty-third session).
void EndNamesBeforeTitles(const std::vector<TokenInfo>& infos, std::vector<Tag>* tags);

// A person's name does not end on a word that needs another after it (بن، بنت، ابن، أبو،
// أبي، عبد، آل، ذو …: a construct noun, whose genitive is the next part of the name): the
// next word, when it is an untagged word and no stopword or title, joins the name (علي بن
// أبي طالب, which the tagger often ends at أبي; الحسن بن علي, علي spelled with ي being the
// name, not the preposition على). And an ordinal right after a person's name
// is its regnal number (الحسن الثاني، الفونسو الثالث عشر). On the six ANERcorp dev blocks:
// F1 +0.12, +1.04, -0.14 (a tennis seed, فرناندو غونزاليز الثالث), 0, 0, 0 (docs/QUALITY.md,
// thirty-third session).
void CompleteUnfinishedNames(const std::vector<std::string_view>& raw,
                             const std::vector<TokenInfo>& infos, std::vector<Tag>* tags);

// All of the above: DropLoneNonNames, RetypeCountedNouns, DropMonthDates, SplitRunOnNames,
// CompleteLoneTriggers, CompleteUnfinishedNames, EndNamesBeforeTitles.
void RepairNameSpans(const std::vector<std::string_view>& raw,
                     const std::vector<TokenInfo>& infos, std::vector<Tag>* tags);

}  // namespace rasd::extract
