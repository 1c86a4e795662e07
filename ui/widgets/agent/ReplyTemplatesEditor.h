#pragma once

#include "LatestRequest.h"

#include <QMap>
#include <QWidget>

class QTableWidget;

namespace shopdesk {

class Engine;

// What the bot says in each situation, in English and in Hinglish. Every line starts as
// Shopdesk's text; a changed one is the store's own (in bold) until it is reset. Words in
// {braces} are filled in by the bot: {product}, {price}, {total}, {persona}, {store}, …
class ReplyTemplatesEditor : public QWidget
{
    Q_OBJECT
public:
    explicit ReplyTemplatesEditor(Engine &engine, QWidget *parent = nullptr);

    void setTenant(qint64 tenantId);
    void setActor(qint64 operatorId) { m_actor = operatorId; } // who saves (the engine checks)
    void save();
    void resetSelected();
    QTableWidget *table() const { return m_table; }
    static const QList<QPair<QString, QString>> &situations(); // key, words for it

Q_SIGNALS:
    void message(const QString &text, bool isError);
    void loaded();
    void saved();

private:
    void markOwn(int row, int column);

    Engine &m_engine;
    qint64 m_tenantId = 0;
    qint64 m_actor = 0;
    QTableWidget *m_table = nullptr;
    QMap<QString, QString> m_stored; // the store's settings as loaded
    LatestRequest m_request;
};

} // namespace shopdesk
