#pragma once
// Where a decoder delivers its samples: a non-owning reference to any callable taking
// `const Sample&` (a lambda, a function object), one indirect call per sample, no allocation.

#include "engine/telemetry/sample.hpp"

#include <memory>
#include <type_traits>

namespace bfr::telemetry {

/// A non-owning callable reference `void(const Sample&)`. It must not outlive what it refers to
/// (pass lambdas directly in the call: `decoder.feed(bytes, [&](const Sample& s) { ... })`).
/// A default-constructed sink drops every sample.
class SampleSink {
public:
    /// A sink that ignores samples.
    SampleSink() noexcept = default;

    /// Refers to `fn`, which is called once per sample, in order.
    template <class F, class = std::enable_if_t<!std::is_same_v<std::remove_cvref_t<F>, SampleSink> &&
                                                std::is_invocable_v<F&, const Sample&>>>
    SampleSink(F&& fn) noexcept  // NOLINT(google-explicit-constructor): used like a function parameter
        : object_{const_cast<void*>(static_cast<const void*>(std::addressof(fn)))},
          call_{[](void* object, const Sample& sample) {
              (*static_cast<std::remove_reference_t<F>*>(object))(sample);
          }} {}

    /// Delivers one sample (nothing for a default-constructed sink).
    void operator()(const Sample& sample) const {
        if (call_ != nullptr) call_(object_, sample);
    }

private:
    void* object_ = nullptr;
    void (*call_)(void*, const Sample&) = nullptr;
};

}  // namespace bfr::telemetry
