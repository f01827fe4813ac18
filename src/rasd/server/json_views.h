// The JSON shapes of the API's answers, written from the engine's structs.
//
// One function per shape, so every endpoint that shows an article hit, a quote or a story
// writes it the same way (docs/API.md documents each shape once, as an OpenAPI schema).
// Strings are written by base::JsonWriter, which escapes them for JSON; the page in turn
// inserts them into the document as text only, never as markup.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "rasd/base/json.h"
#include "rasd/engine/engine.h"

namespace rasd::server {

// {"id","score","title","source","date","url","snippet","snippet_parts":[{"text","hit"}]}
void WriteHit(const engine::Hit& hit, base::JsonWriter* w);
// {"source":[{"value","count"}],"day":[…],"person":[{"value","id","count"}],…}
void WriteFacets(const engine::SearchResult& result, base::JsonWriter* w);
// {"id","name","type","articles","variants":[…]}
void WriteEntitySummary(const engine::EntitySummary& e, base::JsonWriter* w);
// {"text","entity_id","canonical","type","field","start","end"}
void WriteMention(const engine::EntityMention& m, base::JsonWriter* w);
// {"article_id","speaker","speaker_id","canonical_speaker","verb","text","direct","start",
//  "end","title","source","date"}
void WriteQuote(const engine::Quote& q, base::JsonWriter* w);
// {"id","title","sources":[…],"first_report":id,"members":[{"id","title","source","date",
//  "first_report","near_duplicate"}]}
void WriteStory(const engine::Story& s, base::JsonWriter* w);
// {"articles","deleted","segments","terms","bytes_on_disk","stories","entities",
//  "first_date","last_date"}
void WriteStats(const engine::IndexStats& s, base::JsonWriter* w);

}  // namespace rasd::server
