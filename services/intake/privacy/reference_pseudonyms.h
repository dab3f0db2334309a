#pragma once

// Pseudonymisation at intake: the YOT's own reference for a child, and for
// a victim, is replaced before anything is written (the WAL included) by a
// keyed hash of the YOT and the reference. The same child (or victim) of
// the same YOT always maps to the same pseudonym, so idempotent resubmission
// and "same content" checks keep working; without the key the stored data
// cannot be joined back to the YOT's records, and the same reference at two
// YOTs gives two unrelated pseudonyms.
//
// Pseudonym = "yjp-" + 26 lower-case base32 characters of
// BLAKE2b-128(key, domain || yot || 0x00 || reference) (libsodium
// crypto_generichash), where the domain is empty for a child (so children's
// pseudonyms are what they always were) and "\0victim\0" for a victim: a
// victim's reference and a child's that are the same text get unrelated
// pseudonyms, and neither can be linked to the other. It passes the
// reference rules of the records themselves (at most 32 letters, digits or
// "-"), so a pseudonymised record is still a valid record.

#include <array>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace yjinspect::intake {

// The length of a pseudonym key: 32 bytes.
inline constexpr size_t kPseudonymKeyBytes = 32;

class ReferencePseudonyms {
 public:
  // Reads the key from `path`: exactly 32 bytes, either raw (as
  // `head -c32 /dev/urandom` or `yjinspect keygen` write them) or as 64 hex
  // digits with an optional trailing newline. INVALID_ARGUMENT for any other
  // content, NOT_FOUND / PERMISSION_DENIED when the file cannot be read.
  static absl::StatusOr<ReferencePseudonyms> FromKeyFile(
      const std::string& path);

  // A fixed, publicly known key: for development only, never for real data
  // (anyone can recompute its pseudonyms).
  static ReferencePseudonyms InsecureDevelopmentKey();

  // The pseudonym of child `reference` of the YOT with code `yot`. A
  // reference that is already a pseudonym (a client sending back a case it
  // read) is returned unchanged, so read-modify-write keeps the same
  // pseudonym.
  std::string OfChild(absl::string_view yot, absl::string_view reference) const;
  // The same for the YOT's reference of a victim, in the victims' own
  // domain: never equal to OfChild of the same text.
  std::string OfVictim(absl::string_view yot,
                       absl::string_view reference) const;

  // True when `reference` has the form of a pseudonym.
  static bool IsPseudonym(absl::string_view reference);

 private:
  explicit ReferencePseudonyms(
      const std::array<unsigned char, kPseudonymKeyBytes>& key)
      : key_(key) {}
  std::string Keyed(absl::string_view domain, absl::string_view yot,
                    absl::string_view reference) const;
  std::array<unsigned char, kPseudonymKeyBytes> key_;
};

// Writes a new random key to `path` (mode 0600), refusing to overwrite an
// existing file (ALREADY_EXISTS): losing a key loses the link between a
// child's later cases and earlier ones.
absl::Status WriteNewPseudonymKey(const std::string& path);

}  // namespace yjinspect::intake
