#pragma once

#include <QDateTime>
#include <QString>

namespace shopdesk {

enum class OperatorRole { Owner, Manager, Agent };

QString toText(OperatorRole role);
OperatorRole operatorRoleFromString(const QString &text);

// A person who works in the console.
struct Operator
{
    qint64 id = 0;
    qint64 tenantId = 0;
    QString name;
    QString email;
    OperatorRole role = OperatorRole::Agent;
    QDateTime createdAt;
    bool hasSecret = false; // a password or PIN is set: signing in asks for it
    bool disabled = false;  // can no longer sign in or act (kept for the audit log's names)
    QDateTime lastSignInAt;
};

// What signing in checks, read and written on the database thread only.
struct OperatorCredentials
{
    qint64 operatorId = 0;
    QString secretHash; // Argon2id (crypto_pwhash_str); empty: none set
    int failedSignIns = 0;
    QDateTime lockedUntil;
    bool disabled = false;
};

} // namespace shopdesk
