#include "remote/RemoteKnowledgePane.h"

#include "remote/RemoteConsoleClient.h"

#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace shopdesk {

RemoteKnowledgePane::RemoteKnowledgePane(RemoteConsoleClient &client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("<b>Ask the bot</b> — as a customer would"), this));
    auto *askRow = new QHBoxLayout;
    m_question = new QLineEdit(this);
    m_question->setPlaceholderText(tr("e.g. Do you deliver on Sunday?"));
    m_ask = new QPushButton(tr("Ask"), this);
    askRow->addWidget(m_question, 1);
    askRow->addWidget(m_ask);
    layout->addLayout(askRow);
    m_answer = new QLabel(this);
    m_answer->setObjectName(QStringLiteral("remoteAnswer"));
    m_answer->setWordWrap(true);
    m_answer->setTextFormat(Qt::RichText);
    layout->addWidget(m_answer);
    layout->addWidget(new QLabel(tr("Passages it found"), this));
    m_passages = new QListWidget(this);
    m_passages->setWordWrap(true);
    layout->addWidget(m_passages, 2);
    layout->addWidget(new QLabel(tr("Documents"), this));
    m_documents = new QListWidget(this);
    layout->addWidget(m_documents, 1);
    connect(m_ask, &QPushButton::clicked, this, [this] { ask(m_question->text()); });
    connect(m_question, &QLineEdit::returnPressed, this, [this] { ask(m_question->text()); });
    connect(&m_client, &RemoteConsoleClient::event, this, [this](const QString &name) {
        if (name == QLatin1String("documentsChanged"))
            reload();
    });
}

void RemoteKnowledgePane::reload()
{
    m_client.call(QStringLiteral("knowledge.documents"), {}, this, [this](Result<QJsonValue> r) {
        if (!r) {
            Q_EMIT message(tr("The documents could not be read: %1").arg(r.error()), true);
            return;
        }
        m_documents->clear();
        for (const QJsonValue &v : r->toArray()) {
            const QJsonObject d = v.toObject();
            m_documents->addItem(
                tr("%1 — %n passage(s)", nullptr, d.value(QLatin1String("chunkCount")).toInt())
                    .arg(d.value(QLatin1String("title")).toString()));
        }
    });
}

void RemoteKnowledgePane::ask(const QString &question)
{
    if (question.trimmed().isEmpty())
        return;
    m_question->setText(question);
    m_ask->setEnabled(false);
    m_answer->setText(tr("Asking…"));
    m_client.call(
        QStringLiteral("knowledge.ask"), {{QStringLiteral("question"), question}}, this,
        [this](Result<QJsonValue> r) {
            m_ask->setEnabled(true);
            if (!r) {
                m_answer->clear();
                Q_EMIT message(tr("The question was not answered: %1").arg(r.error()), true);
                return;
            }
            const QJsonObject o = r->toObject();
            const int confidence = qRound(o.value(QLatin1String("confidence")).toDouble() * 100);
            if (o.value(QLatin1String("escalate")).toBool())
                m_answer->setText(
                    tr("<b>It would hand this to a person</b> (%1% sure): %2")
                        .arg(confidence)
                        .arg(o.value(QLatin1String("reason")).toString().toHtmlEscaped()));
            else
                m_answer->setText(
                    tr("<b>It would answer</b> (%1% sure, from “%2”):<br>%3")
                        .arg(confidence)
                        .arg(o.value(QLatin1String("source")).toString().toHtmlEscaped(),
                             o.value(QLatin1String("answer")).toString().toHtmlEscaped()));
            m_passages->clear();
            for (const QJsonValue &v : o.value(QLatin1String("hits")).toArray()) {
                const QJsonObject hit = v.toObject();
                m_passages->addItem(QStringLiteral("%1 — %2").arg(
                    hit.value(QLatin1String("heading")).toString(),
                    hit.value(QLatin1String("text")).toString().left(300)));
            }
            Q_EMIT answered();
        });
}

} // namespace shopdesk
