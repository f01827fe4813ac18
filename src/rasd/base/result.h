// Result<T>: a value of type T, or the Status that explains why there is none.
//
// Shaped like std::expected<T, Status> (C++23, which g++ 12 lacks) and absl::StatusOr<T>.
// Construct from a T (success) or from a non-OK Status (failure; constructing from an OK
// Status is a bug and aborts). Reading value() of a failed Result aborts too, so callers test
// ok() first or use RASD_ASSIGN_OR_RETURN (macros.h).
//
// Thread-safety: a plain value, like T.
#pragma once

#include <type_traits>
#include <utility>
#include <variant>

#include "rasd/base/check.h"
#include "rasd/base/status.h"

namespace rasd {

template <typename T>
class [[nodiscard]] Result {
  static_assert(!std::is_same_v<std::decay_t<T>, Status>, "Result<Status> makes no sense");

 public:
  // Success.
  Result(const T& value) : data_(std::in_place_index<1>, value) {}  // NOLINT: implicit by design
  Result(T&& value) : data_(std::in_place_index<1>, std::move(value)) {}  // NOLINT
  template <typename U,
            typename = std::enable_if_t<std::is_constructible_v<T, U&&> &&
                                        !std::is_same_v<std::decay_t<U>, Result> &&
                                        !std::is_same_v<std::decay_t<U>, Status> &&
                                        !std::is_same_v<std::decay_t<U>, T>>>
  Result(U&& value) : data_(std::in_place_index<1>, std::forward<U>(value)) {}  // NOLINT

  // Failure. `status` must not be OK.
  Result(Status status) : data_(std::in_place_index<0>, std::move(status)) {  // NOLINT
    RASD_CHECK_MSG(!std::get<0>(data_).ok(), "Result constructed from an OK Status");
  }

  bool ok() const { return data_.index() == 1; }

  // OK on success, else the failure.
  Status status() const { return ok() ? Status::OK() : std::get<0>(data_); }

  T& value() & {
    RASD_CHECK_MSG(ok(), "value() of a failed Result");
    return std::get<1>(data_);
  }
  const T& value() const& {
    RASD_CHECK_MSG(ok(), "value() of a failed Result");
    return std::get<1>(data_);
  }
  T&& value() && {
    RASD_CHECK_MSG(ok(), "value() of a failed Result");
    return std::get<1>(std::move(data_));
  }

  template <typename U>
  T value_or(U&& fallback) const& {
    return ok() ? std::get<1>(data_) : static_cast<T>(std::forward<U>(fallback));
  }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<Status, T> data_;
};

}  // namespace rasd
