export * from './notificationOptions';
