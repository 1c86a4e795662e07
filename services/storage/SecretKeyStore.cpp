#include "storage/SecretKeyStore.h"

#include "core/Logging.h"
#include "storage/SecretBox.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTimer>

#include <memory>
#include <optional>

#include <qt6keychain/keychain.h>

namespace shopdesk {

namespace {

const QString kService = QStringLiteral("Shopdesk");

QString keychainEntry(const QString &dataDir)
{
    return QStringLiteral("data key for ") + QDir(dataDir).absolutePath();
}

} // namespace

QString SecretKeyStore::keyFilePath(const QString &dataDir)
{
    const QString named = qEnvironmentVariable("SHOPDESK_SECRET_KEY_FILE");
    return named.isEmpty() ? QDir(dataDir).filePath(QStringLiteral("secrets.key")) : named;
}

Result<SecretKeyStore::Key> SecretKeyStore::fromFile(const QString &path)
{
    QFile file(path);
    if (file.exists()) {
        const auto others = QFileDevice::ReadGroup | QFileDevice::ReadOther |
                            QFileDevice::WriteGroup | QFileDevice::WriteOther;
        if (file.permissions() & others)
            return Result<Key>::failure(
                QStringLiteral("The key file %1 can be read by other users of this computer; "
                               "make it private (chmod 600 %1) and start again.")
                    .arg(path));
        if (!file.open(QIODevice::ReadOnly))
            return Result<Key>::failure(
                QStringLiteral("The key file %1 cannot be read: %2").arg(path, file.errorString()));
        const QByteArray key = QByteArray::fromBase64(file.readAll().trimmed());
        if (key.size() != SecretBox::kKeyBytes)
            return Result<Key>::failure(
                QStringLiteral("The key file %1 is damaged (it should hold one base64 key).")
                    .arg(path));
        return Key{key, path};
    }
    QDir().mkpath(QFileInfo(path).absolutePath());
    const QByteArray key = SecretBox::newKey();
    QSaveFile out(path);
    if (key.isEmpty() || !out.open(QIODevice::WriteOnly))
        return Result<Key>::failure(
            QStringLiteral("The key file %1 cannot be written: %2").arg(path, out.errorString()));
    out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    out.write(key.toBase64() + '\n');
    if (!out.commit())
        return Result<Key>::failure(
            QStringLiteral("The key file %1 cannot be written: %2").arg(path, out.errorString()));
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    qCInfo(lcEngine) << "Made a new data key in" << path;
    return Key{key, path};
}

void SecretKeyStore::fetchFromKeychain(const QString &dataDir, QObject *context,
                                       std::function<void(Result<Key>)> done)
{
    constexpr int kWaitMs = 5000;
    // Answers once: from the keychain, or with a failure when it does not answer in time.
    auto answer = std::make_shared<std::function<void(Result<Key>)>>(std::move(done));
    const auto reply = [answer](Result<Key> r) {
        if (*answer) {
            auto f = std::move(*answer);
            *answer = nullptr;
            f(std::move(r));
        }
    };
    QTimer::singleShot(kWaitMs, context, [reply] {
        reply(Result<Key>::failure(QStringLiteral("The desktop's keychain did not answer.")));
    });
    const QString entry = keychainEntry(dataDir);
    auto *read = new QKeychain::ReadPasswordJob(kService); // deletes itself when finished
    read->setKey(entry);
    QObject::connect(read, &QKeychain::Job::finished, context, [read, entry, context, reply] {
        if (read->error() == QKeychain::NoError) {
            const QByteArray key = read->binaryData();
            reply(key.size() == SecretBox::kKeyBytes
                      ? Result<Key>(Key{key, QStringLiteral("the desktop's keychain")})
                      : Result<Key>::failure(QStringLiteral("The keychain's Shopdesk key is "
                                                            "damaged.")));
            return;
        }
        if (read->error() != QKeychain::EntryNotFound) {
            reply(Result<Key>::failure(read->errorString()));
            return;
        }
        const QByteArray key = SecretBox::newKey();
        auto *write = new QKeychain::WritePasswordJob(kService);
        write->setKey(entry);
        write->setBinaryData(key);
        QObject::connect(write, &QKeychain::Job::finished, context, [write, key, reply] {
            if (write->error() != QKeychain::NoError) {
                reply(Result<Key>::failure(write->errorString()));
                return;
            }
            qCInfo(lcEngine) << "Made a new data key in the desktop's keychain";
            reply(Key{key, QStringLiteral("the desktop's keychain")});
        });
        write->start();
    });
    read->start();
}

bool SecretKeyStore::keychainWanted(const QString &dataDir, bool useKeychain)
{
    return useKeychain && desktopSession() && !QFile::exists(keyFilePath(dataDir));
}

Result<SecretKeyStore::Key> SecretKeyStore::load(const QString &dataDir, bool useKeychain)
{
    const QString path = keyFilePath(dataDir);
    if (!keychainWanted(dataDir, useKeychain))
        return fromFile(path);
    QEventLoop loop;
    std::optional<Result<Key>> fetched;
    fetchFromKeychain(dataDir, &loop, [&](Result<Key> r) {
        fetched.emplace(std::move(r));
        loop.quit();
    });
    if (!fetched)
        loop.exec();
    Result<Key> kept = std::move(*fetched);
    if (kept)
        return kept;
    qCInfo(lcEngine) << "No keychain on this desktop (" << kept.error()
                     << "): the data key is kept in" << path;
    return fromFile(path);
}

} // namespace shopdesk

namespace shopdesk {

bool SecretKeyStore::desktopSession()
{
    return !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS");
}

} // namespace shopdesk
