#include "dialogs/KnowledgeImportDialog.h"

#include "knowledge/DocumentImporter.h"
#include "knowledge/KnowledgeEditService.h"
#include "knowledge/KnowledgeImport.h"
#include "storage/Store.h"
#include "storage/StoreWorker.h"
#include "widgets/knowledge/ChunkingFields.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace shopdesk {

KnowledgeImportDialog::KnowledgeImportDialog(StoreWorker &store, KnowledgeEditService &knowledge,
                                             qint64 tenantId, QStringList files, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_knowledge(knowledge)
    , m_files(std::move(files))
{
    setWindowTitle(tr("Import knowledge"));
    resize(720, 600);
    auto *layout = new QVBoxLayout(this);
    QStringList names;
    QString firstCsv;
    for (const QString &f : std::as_const(m_files)) {
        names << QFileInfo(f).fileName();
        if (firstCsv.isEmpty() && f.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive))
            firstCsv = f;
    }
    auto *filesLabel = new QLabel(
        tr("%n file(s): %1", nullptr, int(m_files.size())).arg(names.join(QStringLiteral(", "))),
        this);
    filesLabel->setWordWrap(true);
    layout->addWidget(filesLabel);

    auto *chunking = new QGroupBox(tr("Passages"), this);
    m_chunking = new ChunkingFields(chunking, new QFormLayout(chunking));
    layout->addWidget(chunking);

    if (!firstCsv.isEmpty()) {
        auto *faq = new QGroupBox(tr("FAQ file columns"), this);
        auto *faqForm = new QFormLayout(faq);
        m_question = new QComboBox(faq);
        m_question->setObjectName(QStringLiteral("questionColumn"));
        m_answer = new QComboBox(faq);
        m_answer->setObjectName(QStringLiteral("answerColumn"));
        auto header = DocumentReader::csvHeader(firstCsv);
        const QStringList columns = header ? header.value() : QStringList{};
        m_question->addItems(columns);
        m_answer->addItems(columns);
        const auto [q, a] = DocumentReader::faqColumns(columns);
        m_question->setCurrentIndex(q >= 0 ? q : 0);
        m_answer->setCurrentIndex(a >= 0 ? a : std::min(1, int(columns.size()) - 1));
        faqForm->addRow(tr("Questions are in"), m_question);
        faqForm->addRow(tr("Answers are in"), m_answer);
        if (!header)
            faqForm->addRow(new QLabel(header.error(), faq));
        layout->addWidget(faq);
    }

    m_previewButton = new QPushButton(tr("Preview passages"), this);
    m_previewButton->setObjectName(QStringLiteral("previewPassages"));
    layout->addWidget(m_previewButton, 0, Qt::AlignLeft);
    m_previewNote = new QLabel(this);
    m_previewNote->setWordWrap(true);
    layout->addWidget(m_previewNote);
    m_preview = new QListWidget(this);
    m_preview->setObjectName(QStringLiteral("importPreview"));
    m_preview->setWordWrap(true);
    layout->addWidget(m_preview, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(tr("Import"), QDialogButtonBox::AcceptRole);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_previewButton, &QPushButton::clicked, this, &KnowledgeImportDialog::preview);

    m_knowledge.setup(tenantId, this, [this](Result<KnowledgeEditService::Setup> setup) {
        if (setup)
            m_chunking->set(setup->chunking);
    });
}

KnowledgeImportDialog::~KnowledgeImportDialog() = default;

DocumentReader::Settings KnowledgeImportDialog::settings() const
{
    DocumentReader::Settings s;
    s.chunking = m_chunking->value();
    if (m_question && m_question->count() > 0) {
        s.questionColumn = m_question->currentText();
        s.answerColumn = m_answer->currentText();
    }
    return s;
}

void KnowledgeImportDialog::preview()
{
    m_preview->clear();
    m_previewNote->setText(tr("Reading…"));
    m_previewButton->setEnabled(false);
    m_reading = std::make_unique<KnowledgeImport>(m_store, 0, m_files, settings());
    connect(m_reading.get(), &KnowledgeImport::progress, this,
            [this](int percent, const QString &file) {
                m_previewNote->setText(tr("Reading %1… %2%").arg(file).arg(percent));
            });
    connect(m_reading.get(), &KnowledgeImport::previewed, this,
            [this](const QList<DocumentImporter::Outcome> &failures,
                   const QList<DocumentReader::Read> &reads) {
                m_previewButton->setEnabled(true);
                int passages = 0;
                for (const DocumentReader::Read &r : reads) {
                    for (const KnowledgeChunk &c : r.chunks) {
                        if (++passages <= 300)
                            m_preview->addItem(
                                QStringLiteral("%1\n%2").arg(c.heading, c.text.left(400)));
                    }
                }
                QStringList notes{tr("%n passage(s)", nullptr, passages)};
                for (const auto &f : failures)
                    notes << tr("%1 cannot be imported: %2").arg(f.file, f.message);
                m_previewNote->setText(notes.join(QLatin1Char('\n')));
                m_previewNote->setStyleSheet(failures.isEmpty() ? QString()
                                                                : QStringLiteral("color:#b00020;"));
                Q_EMIT previewShown();
            });
    m_reading->preview();
}

} // namespace shopdesk
