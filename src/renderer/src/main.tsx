import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n } from './i18n';
import { connect } from './transport/connect';
import { attachClient, useStudio } from './store/studio';
import './styles.css';

initI18n();

const client = connect((connection, connectionDetail) => useStudio.setState({ connection, connectionDetail }));
attachClient(client);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
