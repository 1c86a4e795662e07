#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

#include <functional>

class QObject;

namespace shopdesk {

// Where this computer keeps the store's data key (the SecretBox key that seals channel tokens
// and model keys in the database). On a desktop with a keychain (Secret Service, KWallet) it
// lives there, through QtKeychain; where there is none (a headless `serve`, tests) it is a key
// file in the data directory, readable by its owner only (0600), or the file named by
// $SHOPDESK_SECRET_KEY_FILE. A key file already present is always used first: it sealed what
// is in the database. Shared mode: every node and console needs the same key; copy the file.
class SecretKeyStore
{
public:
    struct Key
    {
        QByteArray bytes;
        QString where; // "the desktop's keychain", or the file's path
    };

    static QString keyFilePath(const QString &dataDir);
    // The key file, made when missing; a file others may read is refused.
    static Result<Key> fromFile(const QString &path);
    // The desktop's keychain, asked without waiting (QtKeychain's jobs run on the thread that
    // first used it: call it from the main thread); made there when missing; a failure when
    // there is none or it does not answer in a few seconds.
    static void fetchFromKeychain(const QString &dataDir, QObject *context,
                                  std::function<void(Result<Key>)> done);
    // Whether to ask the keychain: wanted, a desktop session, and no key file already.
    static bool keychainWanted(const QString &dataDir, bool useKeychain);
    // The key, waiting for the keychain with a local event loop when it is asked (the command
    // line, on its main thread); the key file otherwise or when no keychain answers.
    static Result<Key> load(const QString &dataDir, bool useKeychain);
    // A desktop session with a message bus, where a keychain may answer (not a server).
    static bool desktopSession();
};

} // namespace shopdesk
