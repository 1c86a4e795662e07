#include "remote/RemoteKnowledgePane.h"

#include "remote/RemoteConsoleClient.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTableWidget>
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
    auto *faqRow = new QHBoxLayout;
    faqRow->addWidget(new QLabel(tr("<b>FAQ</b> — questions customers ask, with the answer the "
                                    "bot may give"),
                                 this),
                      1);
    m_addQuestion = new QPushButton(tr("Add a question"), this);
    m_saveFaq = new QPushButton(tr("Save FAQ"), this);
    faqRow->addWidget(m_addQuestion);
    faqRow->addWidget(m_saveFaq);
    layout->addLayout(faqRow);
    m_faq = new QTableWidget(0, 2, this);
    m_faq->setObjectName(QStringLiteral("remoteFaq"));
    m_faq->setHorizontalHeaderLabels({tr("Question"), tr("Answer")});
    m_faq->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_faq->verticalHeader()->hide();
    layout->addWidget(m_faq, 2);
    layout->addWidget(new QLabel(tr("Documents"), this));
    m_documents = new QListWidget(this);
    layout->addWidget(m_documents, 1);
    connect(m_addQuestion, &QPushButton::clicked, this, [this] {
        m_faq->insertRow(m_faq->rowCount());
        m_faq->setCurrentCell(m_faq->rowCount() - 1, 0);
        m_faq->editItem(m_faq->item(m_faq->rowCount() - 1, 0));
    });
    connect(m_saveFaq, &QPushButton::clicked, this, &RemoteKnowledgePane::saveFaq);
    connect(m_faq, &QTableWidget::itemChanged, this, [this] { m_faqEdited = !m_filling; });
    setCanEdit(false);
    connect(m_ask, &QPushButton::clicked, this, [this] { ask(m_question->text()); });
    connect(m_question, &QLineEdit::returnPressed, this, [this] { ask(m_question->text()); });
    connect(&m_client, &RemoteConsoleClient::event, this, [this](const QString &name) {
        if (name != QLatin1String("documentsChanged"))
            return;
        loadDocuments();
        if (!m_faqEdited)
            loadFaq();
    });
}

void RemoteKnowledgePane::setCanEdit(bool canEdit)
{
    m_addQuestion->setVisible(canEdit);
    m_saveFaq->setVisible(canEdit);
    m_faq->setEditTriggers(canEdit ? QAbstractItemView::AllEditTriggers
                                   : QAbstractItemView::NoEditTriggers);
}

void RemoteKnowledgePane::loadFaq()
{
    m_client.call(QStringLiteral("knowledge.faq"), {}, this, [this](Result<QJsonValue> r) {
        if (!r) {
            Q_EMIT message(tr("The FAQ could not be read: %1").arg(r.error()), true);
            return;
        }
        const QJsonArray pairs = r->toArray();
        m_filling = true;
        m_faq->setRowCount(int(pairs.size()));
        for (int row = 0; row < pairs.size(); ++row) {
            const QJsonObject pair = pairs.at(row).toObject();
            m_faq->setItem(row, 0,
                           new QTableWidgetItem(pair.value(QLatin1String("question")).toString()));
            m_faq->setItem(row, 1,
                           new QTableWidgetItem(pair.value(QLatin1String("answer")).toString()));
        }
        m_faq->resizeRowsToContents();
        m_filling = false;
        m_faqEdited = false;
        Q_EMIT faqLoaded();
    });
}

void RemoteKnowledgePane::saveFaq()
{
    QJsonArray pairs;
    for (int row = 0; row < m_faq->rowCount(); ++row) {
        const auto text = [this, row](int column) {
            return m_faq->item(row, column) ? m_faq->item(row, column)->text() : QString();
        };
        pairs.append(QJsonObject{{QStringLiteral("question"), text(0)},
                                 {QStringLiteral("answer"), text(1)}});
    }
    m_saveFaq->setEnabled(false);
    m_client.call(QStringLiteral("knowledge.saveFaq"), {{QStringLiteral("pairs"), pairs}}, this,
                  [this](Result<QJsonValue> saved) {
                      m_saveFaq->setEnabled(true);
                      if (!saved) {
                          Q_EMIT message(saved.error(), true);
                          return;
                      }
                      m_faqEdited = false;
                      Q_EMIT message(tr("FAQ saved; the bot answers from it now."), false);
                      Q_EMIT faqSaved();
                  });
}

void RemoteKnowledgePane::reload()
{
    loadFaq();
    loadDocuments();
}

void RemoteKnowledgePane::loadDocuments()
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
