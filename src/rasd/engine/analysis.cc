// The JSON shape of analysed text; see analysis.h.
#include "rasd/engine/analysis.h"

#include "rasd/base/json.h"

namespace rasd::engine {

void AppendTokensJson(std::string_view text, const AnalyzedText& analyzed, std::string* out) {
  base::JsonWriter w(out);
  w.BeginObject().Key("tokens").BeginArray();
  for (const Token& t : analyzed.tokens()) {
    w.BeginObject()
        .Key("text")
        .String(text.substr(t.start, t.end - t.start))
        .Key("start")
        .Uint(t.start)
        .Key("end")
        .Uint(t.end)
        .Key("norm")
        .String(t.norm)
        .Key("stem")
        .String(t.stem)
        .Key("stop")
        .Bool(t.stop)
        .EndObject();
  }
  w.EndArray().EndObject();
}

}  // namespace rasd::engine
