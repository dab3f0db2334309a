#include "services/intake/privacy/reference_pseudonyms.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace yjinspect::intake {
namespace {

constexpr absl::string_view kPrefix = "yjp-";
// Prefixed to a victim's reference before it is hashed (see Keyed).
constexpr absl::string_view kVictimDomain("\0victim\0", 8);
constexpr size_t kHashBytes = 16;      // crypto_generichash_BYTES_MIN
constexpr size_t kEncodedLength = 26;  // ceil(128 / 5)
constexpr char kBase32[] = "abcdefghijklmnopqrstuvwxyz234567";

void EnsureSodium() {
  // Thread-safe and idempotent; only fails when no randomness source can be
  // opened, which the key generation below reports itself.
  static const int initialised = sodium_init();
  (void)initialised;
}

std::string Base32(const unsigned char* bytes, size_t size) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (size_t i = 0; i < size; ++i) {
    buffer = (buffer << 8) | bytes[i];
    bits += 8;
    while (bits >= 5) {
      out.push_back(kBase32[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kBase32[(buffer << (5 - bits)) & 31]);
  return out;
}

}  // namespace

absl::StatusOr<ReferencePseudonyms> ReferencePseudonyms::FromKeyFile(
    const std::string& path) {
  EnsureSodium();
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    int error = errno;
    std::string why = absl::StrCat("cannot read the pseudonym key file ", path,
                                   ": ", std::strerror(error));
    if (error == EACCES) return absl::PermissionDeniedError(why);
    return absl::NotFoundError(absl::StrCat(
        why, " (create one with `yjinspect keygen --out=", path, "`)"));
  }
  std::string content((std::istreambuf_iterator<char>(in)),
                      std::istreambuf_iterator<char>());
  std::string key_bytes;
  if (content.size() == kPseudonymKeyBytes) {
    key_bytes = content;
  } else {
    std::string text(absl::StripAsciiWhitespace(content));
    bool hex = text.size() == 2 * kPseudonymKeyBytes;
    for (char c : text) hex = hex && absl::ascii_isxdigit(c);
    if (!hex) {
      return absl::InvalidArgumentError(
          absl::StrCat("the pseudonym key file ", path, " must hold exactly ",
                       kPseudonymKeyBytes, " bytes, raw or as ",
                       2 * kPseudonymKeyBytes, " hex digits"));
    }
    key_bytes = absl::HexStringToBytes(text);
  }
  std::array<unsigned char, kPseudonymKeyBytes> key{};
  std::memcpy(key.data(), key_bytes.data(), kPseudonymKeyBytes);
  sodium_memzero(key_bytes.data(), key_bytes.size());
  sodium_memzero(content.data(), content.size());
  return ReferencePseudonyms(key);
}

ReferencePseudonyms ReferencePseudonyms::InsecureDevelopmentKey() {
  EnsureSodium();
  std::array<unsigned char, kPseudonymKeyBytes> key{};
  constexpr absl::string_view kPublic = "yjinspect insecure development key";
  std::memcpy(key.data(), kPublic.data(),
              std::min(kPublic.size(), kPseudonymKeyBytes));
  return ReferencePseudonyms(key);
}

bool ReferencePseudonyms::IsPseudonym(absl::string_view reference) {
  if (!absl::StartsWith(reference, kPrefix)) return false;
  absl::string_view code = reference.substr(kPrefix.size());
  if (code.size() != kEncodedLength) return false;
  for (char c : code) {
    if (!((c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'))) return false;
  }
  return true;
}

std::string ReferencePseudonyms::Keyed(absl::string_view domain,
                                       absl::string_view yot,
                                       absl::string_view reference) const {
  if (IsPseudonym(reference)) return std::string(reference);
  // The domain, the YOT and the reference, separated by a byte none can
  // hold, so ("ab", "c") and ("a", "bc") never collide. A child's input has
  // no domain and begins with the YOT's first letter; every other domain
  // begins with the NUL byte no YOT code can begin with, so a victim's
  // input never equals a child's, and children's pseudonyms are those of
  // the releases before victims were kept.
  std::string input =
      absl::StrCat(domain, yot, absl::string_view("\0", 1), reference);
  unsigned char hash[kHashBytes];
  crypto_generichash(hash, sizeof hash,
                     reinterpret_cast<const unsigned char*>(input.data()),
                     input.size(), key_.data(), key_.size());
  sodium_memzero(input.data(), input.size());
  return absl::StrCat(kPrefix, Base32(hash, sizeof hash));
}

std::string ReferencePseudonyms::OfChild(absl::string_view yot,
                                         absl::string_view reference) const {
  return Keyed("", yot, reference);
}

std::string ReferencePseudonyms::OfVictim(absl::string_view yot,
                                          absl::string_view reference) const {
  return Keyed(kVictimDomain, yot, reference);
}

absl::Status WriteNewPseudonymKey(const std::string& path) {
  if (sodium_init() < 0) {
    return absl::InternalError("libsodium could not be initialised");
  }
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    int error = errno;
    std::string why = absl::StrCat("cannot create the key file ", path, ": ",
                                   std::strerror(error));
    if (error == EEXIST) {
      return absl::AlreadyExistsError(
          absl::StrCat(why,
                       " (a key is never overwritten: its pseudonyms would no "
                       "longer match)"));
    }
    return absl::FailedPreconditionError(why);
  }
  unsigned char key[kPseudonymKeyBytes];
  randombytes_buf(key, sizeof key);
  ssize_t written = ::write(fd, key, sizeof key);
  sodium_memzero(key, sizeof key);
  bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (written != static_cast<ssize_t>(sizeof key) || !synced) {
    ::unlink(path.c_str());
    return absl::DataLossError(
        absl::StrCat("could not write the key file ", path));
  }
  return absl::OkStatus();
}

}  // namespace yjinspect::intake
