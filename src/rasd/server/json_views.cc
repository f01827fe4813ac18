// JSON shapes of the API: see json_views.h.
#include "rasd/server/json_views.h"

#include <cmath>

#include "rasd/engine/article.h"

namespace rasd::server {

void WriteHit(const engine::Hit& hit, base::JsonWriter* w) {
  w->BeginObject();
  w->Key("id").String(hit.id);
  // Scores are for ordering; six significant digits are plenty and keep the JSON short.
  w->Key("score").Double(std::isfinite(hit.score) ? std::round(hit.score * 1e6) / 1e6 : 0.0);
  w->Key("title").String(hit.title);
  w->Key("source").String(hit.source);
  w->Key("date").String(hit.date);
  w->Key("url").String(hit.url);
  std::string snippet;
  for (const auto& part : hit.snippet) snippet += part.text;
  w->Key("snippet").String(snippet);
  w->Key("snippet_parts").BeginArray();
  for (const auto& part : hit.snippet) {
    w->BeginObject().Key("text").String(part.text).Key("hit").Bool(part.highlighted).EndObject();
  }
  w->EndArray();
  if (!hit.story_id.empty()) {
    w->Key("story").BeginObject().Key("id").String(hit.story_id);
    w->Key("articles").Uint(hit.story_articles).EndObject();
  }
  w->EndObject();
}

void WriteFacets(const engine::SearchResult& result, base::JsonWriter* w) {
  w->BeginObject();
  for (const auto& [name, values] : result.facets) {
    w->Key(name).BeginArray();
    for (const auto& v : values) {
      w->BeginObject().Key("value").String(v.value);
      if (!v.id.empty()) w->Key("id").String(v.id);
      w->Key("count").Uint(v.count).EndObject();
    }
    w->EndArray();
  }
  w->EndObject();
}

void WriteEntitySummary(const engine::EntitySummary& e, base::JsonWriter* w) {
  w->BeginObject();
  w->Key("id").String(e.id);
  w->Key("name").String(e.name);
  w->Key("type").String(e.type);
  w->Key("articles").Uint(e.articles);
  w->Key("variants").BeginArray();
  for (const auto& v : e.variants) w->String(v);
  w->EndArray();
  w->EndObject();
}

void WriteMention(const engine::EntityMention& m, base::JsonWriter* w) {
  w->BeginObject();
  w->Key("text").String(m.text);
  w->Key("entity_id").String(m.entity_id);
  w->Key("canonical").String(m.canonical);
  w->Key("type").String(m.type);
  w->Key("field").String(m.field);
  w->Key("start").Uint(m.start);
  w->Key("end").Uint(m.end);
  w->EndObject();
}

void WriteQuote(const engine::Quote& q, base::JsonWriter* w) {
  w->BeginObject();
  w->Key("article_id").String(q.article_id);
  w->Key("speaker").String(q.speaker);
  w->Key("speaker_id").String(q.speaker_id);
  w->Key("canonical_speaker").String(q.canonical_speaker);
  w->Key("verb").String(q.verb);
  w->Key("text").String(q.text);
  w->Key("direct").Bool(q.direct);
  w->Key("start").Uint(q.start);
  w->Key("end").Uint(q.end);
  w->Key("title").String(q.title);
  w->Key("source").String(q.source);
  w->Key("date").String(q.date);
  w->EndObject();
}

void WriteStory(const engine::Story& s, base::JsonWriter* w) {
  w->BeginObject();
  w->Key("id").String(s.id);
  w->Key("title").String(s.title);
  w->Key("sources").BeginArray();
  for (const auto& src : s.sources) w->String(src);
  w->EndArray();
  std::string first;
  for (const auto& m : s.members) {
    if (m.first_report) {
      first = m.id;
      break;
    }
  }
  if (first.empty() && !s.members.empty()) first = s.members.front().id;
  w->Key("first_report").String(first);
  w->Key("members").BeginArray();
  for (const auto& m : s.members) {
    w->BeginObject();
    w->Key("id").String(m.id);
    w->Key("title").String(m.title);
    w->Key("source").String(m.source);
    w->Key("date").String(m.date);
    w->Key("first_report").Bool(m.first_report);
    w->Key("near_duplicate").Bool(m.near_duplicate);
    w->EndObject();
  }
  w->EndArray();
  w->EndObject();
}

void WriteStats(const engine::IndexStats& s, base::JsonWriter* w) {
  w->BeginObject();
  w->Key("articles").Uint(s.articles);
  w->Key("deleted").Uint(s.deleted);
  w->Key("segments").Uint(s.segments);
  w->Key("terms").Uint(s.terms);
  w->Key("bytes_on_disk").Uint(s.bytes_on_disk);
  w->Key("stories").Uint(s.stories);
  w->Key("entities").Uint(s.entities);
  w->Key("first_date");
  if (s.first_date) {
    w->String(engine::FormatDay(*s.first_date));
  } else {
    w->Null();
  }
  w->Key("last_date");
  if (s.last_date) {
    w->String(engine::FormatDay(*s.last_date));
  } else {
    w->Null();
  }
  w->EndObject();
}

}  // namespace rasd::server
