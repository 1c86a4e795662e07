#pragma once

#include <QHash>
#include <QMap>
#include <QString>
#include <QStringList>

namespace shopdesk {

// What the bot says, per situation, in English and in Hinglish, with {placeholders}. Shopdesk
// ships a text for every key; a store overrides any of them in its settings
// ("templates.<key>" for English, "templates.<key>.hi" for Hinglish). {persona} is the store's
// persona.name and {store} its name.
class ReplyTemplates
{
public:
    explicit ReplyTemplates(const QMap<QString, QString> &settings = {});

    static QStringList keys();
    static QString shipped(const QString &key, bool hinglish);

    QString text(const QString &key, bool hinglish) const;
    QString render(const QString &key, bool hinglish, const QHash<QString, QString> &values) const;

private:
    QMap<QString, QString> m_settings;
};

} // namespace shopdesk
