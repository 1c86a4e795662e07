#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace shopdesk {

// Secrets at rest: channel tokens, app secrets and model keys are sealed with libsodium's
// secretbox (XSalsa20-Poly1305) under the store's data key before they reach the database,
// and opened when read, so the database file holds none of them in readable form. A sealed
// value reads "sdenc:v1:<key id>:<base64 nonce+ciphertext>"; the key id (8 hex digits of a
// BLAKE2b hash of the key) tells "this computer has another key" from "the value is damaged".
// Without a key nothing is sealed (tests that do not care) and a sealed value cannot be read.
class SecretBox
{
public:
    static constexpr int kKeyBytes = 32;

    SecretBox() = default;
    explicit SecretBox(QByteArray key);

    bool hasKey() const { return !m_key.isEmpty(); }
    QString keyId() const { return m_keyId; }
    static QByteArray newKey();
    static bool isSealed(const QString &value);
    // The JSON fields that hold secrets, in channel configs and model endpoints.
    static bool isSecretField(const QString &key);

    Result<QString> seal(const QString &plain) const;
    Result<QString> open(const QString &stored) const; // a plain value comes back as it is
    // A JSON object's secret fields sealed (or opened); anything else comes back unchanged.
    Result<QString> sealFields(const QString &json) const;
    Result<QString> openFields(const QString &json) const;
    // A JSON object with a secret field still in plain text.
    static bool hasPlainSecret(const QString &json);

private:
    QByteArray m_key;
    QString m_keyId;
};

} // namespace shopdesk
