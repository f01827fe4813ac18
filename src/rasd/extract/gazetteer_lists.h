// The raw (unfolded) word and name lists behind Gazetteer::Builtin(); see gazetteer_lists.cc.
#pragma once

#include <cstddef>

namespace rasd::extract::lists {

struct ListView {
  const char* const* items;
  size_t size;
  const char* const* begin() const { return items; }
  const char* const* end() const { return items + size; }
};

extern const ListView kPersonTitlesList;
extern const ListView kHonorificsList;
extern const ListView kOrgTriggersList;
extern const ListView kLocTriggersList;
extern const ListView kFirstNamesList;
extern const ListView kPlacesList;
extern const ListView kOrganisationsList;
extern const ListView kPeopleList;
extern const ListView kNationalitiesList;
extern const ListView kMonthsList;

}  // namespace rasd::extract::lists
