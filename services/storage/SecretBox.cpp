#include "storage/SecretBox.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <sodium.h>

namespace shopdesk {

namespace {

const QString kPrefix = QStringLiteral("sdenc:v1:");

bool sodiumReady()
{
    static const bool ok = sodium_init() >= 0;
    return ok;
}

QString idOf(const QByteArray &key)
{
    unsigned char hash[crypto_generichash_BYTES_MIN];
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char *>(key.constData()),
                       quint64(key.size()), nullptr, 0);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(hash), 4).toHex());
}

// Parses a JSON object, or nothing when the text is not one (left as it is).
std::optional<QJsonObject> objectOf(const QString &json)
{
    if (!json.trimmed().startsWith(QLatin1Char('{')))
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8());
    if (!doc.isObject())
        return std::nullopt;
    return doc.object();
}

QString textOf(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace

SecretBox::SecretBox(QByteArray key)
    : m_key(std::move(key))
{
    if (m_key.size() != kKeyBytes || !sodiumReady())
        m_key.clear();
    else
        m_keyId = idOf(m_key);
}

QByteArray SecretBox::newKey()
{
    QByteArray key(kKeyBytes, Qt::Uninitialized);
    if (!sodiumReady())
        return {};
    crypto_secretbox_keygen(reinterpret_cast<unsigned char *>(key.data()));
    return key;
}

bool SecretBox::isSealed(const QString &value)
{
    return value.startsWith(kPrefix);
}

bool SecretBox::isSecretField(const QString &key)
{
    return key == QLatin1String("access_token") || key == QLatin1String("app_secret") ||
           key == QLatin1String("verify_token") || key == QLatin1String("auth_token") ||
           key == QLatin1String("api_key") || key == QLatin1String("webhook_secret");
}

Result<QString> SecretBox::seal(const QString &plain) const
{
    if (!hasKey() || plain.isEmpty() || isSealed(plain))
        return plain;
    const QByteArray message = plain.toUtf8();
    QByteArray out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + message.size(),
                   Qt::Uninitialized);
    auto *nonce = reinterpret_cast<unsigned char *>(out.data());
    randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                          reinterpret_cast<const unsigned char *>(message.constData()),
                          quint64(message.size()), nonce,
                          reinterpret_cast<const unsigned char *>(m_key.constData()));
    return QString(kPrefix + m_keyId + QLatin1Char(':') + QString::fromLatin1(out.toBase64()));
}

Result<QString> SecretBox::open(const QString &stored) const
{
    if (!isSealed(stored))
        return stored;
    const QString rest = stored.mid(kPrefix.size());
    const QString id = rest.section(QLatin1Char(':'), 0, 0);
    if (!hasKey() || id != m_keyId)
        return Result<QString>::failure(
            QStringLiteral("A saved token or key cannot be read on this computer: it was locked "
                           "with another key. Copy the store's key file (secrets.key) from the "
                           "computer that saved it, or enter the token again."));
    const QByteArray box = QByteArray::fromBase64(rest.section(QLatin1Char(':'), 1).toLatin1());
    const qsizetype header = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;
    if (box.size() < header)
        return Result<QString>::failure(
            QStringLiteral("A saved token or key is damaged; enter it again."));
    QByteArray plain(box.size() - header, Qt::Uninitialized);
    const auto *nonce = reinterpret_cast<const unsigned char *>(box.constData());
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char *>(plain.data()),
                                   nonce + crypto_secretbox_NONCEBYTES,
                                   quint64(box.size() - crypto_secretbox_NONCEBYTES), nonce,
                                   reinterpret_cast<const unsigned char *>(m_key.constData())) != 0)
        return Result<QString>::failure(
            QStringLiteral("A saved token or key is damaged; enter it again."));
    return QString::fromUtf8(plain);
}

Result<QString> SecretBox::sealFields(const QString &json) const
{
    auto o = objectOf(json);
    if (!o || !hasKey())
        return json;
    bool changed = false;
    for (auto it = o->begin(); it != o->end(); ++it) {
        if (!isSecretField(it.key()) || !it.value().isString())
            continue;
        auto sealed = seal(it.value().toString());
        if (!sealed)
            return sealed;
        if (sealed.value() != it.value().toString()) {
            it.value() = sealed.value();
            changed = true;
        }
    }
    return changed ? textOf(*o) : json;
}

Result<QString> SecretBox::openFields(const QString &json) const
{
    if (!json.contains(kPrefix))
        return json;
    auto o = objectOf(json);
    if (!o)
        return json;
    for (auto it = o->begin(); it != o->end(); ++it) {
        if (!it.value().isString() || !isSealed(it.value().toString()))
            continue;
        auto opened = open(it.value().toString());
        if (!opened)
            return opened;
        it.value() = opened.value();
    }
    return textOf(*o);
}

bool SecretBox::hasPlainSecret(const QString &json)
{
    auto o = objectOf(json);
    if (!o)
        return false;
    for (auto it = o->begin(); it != o->end(); ++it)
        if (isSecretField(it.key()) && it.value().isString() && !it.value().toString().isEmpty() &&
            !isSealed(it.value().toString()))
            return true;
    return false;
}

} // namespace shopdesk
