/** @file
 * @brief One libFuzzer target of tests/fuzz: NEWSDEX_FUZZ_TARGET names its entry in fuzz_entry.hpp.
 */
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_entry.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    newsdex::fuzz::run(NEWSDEX_FUZZ_TARGET, std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
